package io.modellibrary.files;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The browser's changes: write a small text file, delete a file or folder; each one commit (or none, if nothing changes). */
@Service
class EditService {

    private final BlobCollector collector;
    private final FileCommits commits;
    private final RepoAccess access;

    EditService(BlobCollector collector, FileCommits commits, RepoAccess access) {
        this.collector = collector;
        this.commits = commits;
        this.access = access;
    }

    CommitResult writeText(RepoType type, String name, String rawPath, String content, String message,
                           String parentCommit, String branch, CurrentUser user) throws IOException {
        RepoPath path = RepoPath.of(rawPath);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FilesProperties.MAX_TEXT_BYTES) {
            throw new TooLargeException("a text file is larger than the limit of " + FilesProperties.describe(FilesProperties.MAX_TEXT_BYTES));
        }
        Repo repo = access.writable(type, name, user);
        try (BlobWriter writer = collector.writer()) {
            BlobWriter.StoredBlob blob = writer.store(new ByteArrayInputStream(bytes), bytes.length);
            return commits.commit(repo, branch, user, CommitMessages.orDefault(message, "Update " + path), parentCommit,
                    List.of(Edit.put(path.toString(), blob.sha256(), blob.size())), writer,
                    List.of(new CommitResult.FileInfo(path.toString(), blob.size(), blob.sha256())));
        }
    }

    CommitResult delete(RepoType type, String name, String rawPath, String message, String parentCommit,
                        String branch, CurrentUser user) throws IOException {
        RepoPath path = RepoPath.folder(rawPath);
        if (path.isRoot()) {
            throw new BadRequestException("path is required: name the file or folder to delete");
        }
        Repo repo = access.writable(type, name, user);
        return commits.commit(repo, branch, user, CommitMessages.orDefault(message, "Delete " + path), parentCommit,
                List.of(Edit.delete(path.toString())), null, null);
    }
}
