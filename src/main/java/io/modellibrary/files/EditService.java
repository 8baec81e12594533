package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The browser's changes: write a small text file, delete a file or folder; each one commit. */
@Service
class EditService {

    private final BlobStore blobs;
    private final BlobReclaimer reclaimer;
    private final Committer committer;
    private final RepoAccess access;

    EditService(BlobStore blobs, BlobReclaimer reclaimer, Committer committer, RepoAccess access) {
        this.blobs = blobs;
        this.reclaimer = reclaimer;
        this.committer = committer;
        this.access = access;
    }

    CommitResult writeText(RepoType type, String name, String rawPath, String content, String message, CurrentUser user) throws IOException {
        RepoPath path = RepoPath.of(rawPath);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FilesProperties.MAX_TEXT_BYTES) {
            throw new TooLargeException("a text file is larger than the limit of " + FilesProperties.describe(FilesProperties.MAX_TEXT_BYTES));
        }
        Repo repo = access.writable(type, name, user);
        return reclaimer.underLease(lease -> {
            BlobStore.StoredBlob blob = blobs.store(new ByteArrayInputStream(bytes), bytes.length, lease);
            CommitDoc commit = committer.commit(repo, user, CommitMessages.orDefault(message, "Update " + path),
                    edit -> edit.put(path, blob.sha256(), blob.size()));
            return CommitResult.of(commit, List.of(new UploadService.StagedFile(path, blob.sha256(), blob.size())));
        });
    }

    CommitResult delete(RepoType type, String name, String rawPath, String message, CurrentUser user) {
        RepoPath path = RepoPath.folder(rawPath);
        if (path.isRoot()) {
            throw new BadRequestException("path is required: name the file or folder to delete");
        }
        Repo repo = access.writable(type, name, user);
        List<UploadService.StagedFile> deleted = new ArrayList<>();
        CommitDoc commit = committer.commit(repo, user, CommitMessages.orDefault(message, "Delete " + path), edit -> {
            deleted.clear();
            edit.delete(path);
            edit.changes().forEach(c -> deleted.add(new UploadService.StagedFile(RepoPath.of(c.path()), c.oldSha256(), c.oldSize())));
        });
        return CommitResult.of(commit, deleted);
    }
}
