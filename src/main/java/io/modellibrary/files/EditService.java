package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FileCommits;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.StagedUpload;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.content.Uploads;
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

    private final Uploads uploads;
    private final FileCommits commits;
    private final RepoAccess access;

    EditService(Uploads uploads, FileCommits commits, RepoAccess access) {
        this.uploads = uploads;
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
        try (StagedUpload upload = uploads.open()) {
            upload.add(path, new ByteArrayInputStream(bytes));
            return upload.commit(repo, branch, user, CommitMessages.orDefault(message, "Update " + path), parentCommit, List.of());
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
