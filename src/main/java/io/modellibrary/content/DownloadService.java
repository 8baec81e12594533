package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * Downloads' choice of bytes: a file at a revision, resolved to its blob. Sending it (ranges,
 * validators, zero-copy) is the HTTP face's ({@code transfer.DownloadResponder}), which tells
 * {@link #recordDownload} when an answer counts as a download.
 */
@Service
public class DownloadService {

    private final RepoAccess access;
    private final RevisionReads reads;
    private final BlobStore blobs;
    private final RepoUpdates repoUpdates;

    DownloadService(RepoAccess access, RevisionReads reads, BlobStore blobs, RepoUpdates repoUpdates) {
        this.access = access;
        this.reads = reads;
        this.blobs = blobs;
        this.repoUpdates = repoUpdates;
    }

    /**
     * The blob of the file at {@code path} in the repository at {@code revision}.
     *
     * @param revision a branch, tag or commit id; null or blank: {@code main}
     * @param path     the file's path, as {@link RepoPath#of} takes it
     * @throws NoSuchItemException when the caller may not see the repository, or there is no file at the path
     * @throws io.modellibrary.versioning.NoSuchRevisionException when the revision names no commit
     * @throws BadRequestException when the path breaks {@link RepoPath}'s rules
     * @throws DamagedBlobException when the blob is missing or not of the recorded size (logged as an ERROR)
     */
    public ChosenBlob choose(RepoType type, String name, String revision, String path, CurrentUser user) {
        return choose(access.snapshot(type, name, revision, user), path);
    }

    /**
     * The blob of the file at {@code path} in a snapshot the caller has already been allowed to read.
     *
     * @throws NoSuchItemException when there is no file at the path
     * @throws BadRequestException when the path breaks {@link RepoPath}'s rules
     * @throws DamagedBlobException when the blob is missing or not of the recorded size (logged as an ERROR)
     */
    public ChosenBlob choose(RepoAccess.Snapshot at, String path) {
        TreeEntry file = reads.file(at, RepoPath.of(path));
        DamagedBlobException.check(at.repo(), file.path(), file.sha256(), file.size(), blobs);
        return new ChosenBlob(at.repo(), at.revision(), file.path(), file.sha256(), file.size(), blobs);
    }

    /** Counts one download of the blob's repository (for its download statistics), written in the background. */
    public void recordDownload(ChosenBlob blob) {
        repoUpdates.recordDownload(blob.repo());
    }
}
