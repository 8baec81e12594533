package io.modellibrary.content;

import io.modellibrary.blob.BlobTooLargeException;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.blob.MissingBlobException;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One upload in progress ({@link Uploads#open}): files streamed into the blob store, not yet
 * committed. {@link #commit} makes them one commit; blobs of an upload closed without a
 * commit (or whose commit failed) stay listed for the blob collector, which removes them
 * after its grace period unless something else uses them. Not thread-safe: one request's.
 */
public final class StagedUpload implements AutoCloseable {

    private final BlobWriter writer;
    private final FileCommits commits;
    private final LfsObjects objects;
    private final long maxFileSize;
    private final List<CommitResult.FileInfo> files = new ArrayList<>();
    private final Set<RepoPath> seen = new HashSet<>();
    /** Blobs named by {@link #putStored}, sha256 → size: checked against {@link LfsObjects#mayName} before the commit. */
    private final Map<String, Long> named = new LinkedHashMap<>();
    /** Blobs whose bytes this upload received itself ({@link #add}, {@link #storeBlob}). */
    private final Set<String> sent = new HashSet<>();

    StagedUpload(BlobWriter writer, FileCommits commits, LfsObjects objects, long maxFileSize) {
        this.writer = writer;
        this.commits = commits;
        this.objects = objects;
        this.maxFileSize = maxFileSize;
    }

    /**
     * Streams {@code in} to its end into the blob store, as a blob that no file names yet
     * (until a commit of this upload puts it at a path).
     *
     * @return the blob's 64-hex SHA-256 and size in bytes
     * @throws TooLargeException over {@code modellibrary.files.max-file-size} (nothing of it is kept)
     * @throws IOException when reading {@code in} or writing the blob fails
     */
    public BlobWriter.StoredBlob storeBlob(InputStream in) throws IOException {
        try {
            BlobWriter.StoredBlob blob = writer.store(in, maxFileSize);
            sent.add(blob.sha256());
            return blob;
        } catch (BlobTooLargeException e) {
            throw new TooLargeException("a file is larger than the limit of " + FilesProperties.describe(maxFileSize));
        }
    }

    /**
     * Streams {@code in} into the blob store as the file at {@code path}, which {@link #commit} will put there.
     *
     * @return the file: its path, size in bytes and SHA-256
     * @throws BadRequestException when this upload has a file at {@code path} already, or no file may be
     *                             written there ({@link RepoPath#forWriting})
     * @throws TooLargeException   over {@code modellibrary.files.max-file-size}
     * @throws IOException         when reading {@code in} or writing the blob fails
     */
    public CommitResult.FileInfo add(RepoPath path, InputStream in) throws IOException {
        if (!seen.add(path.forWriting())) {
            throw new BadRequestException("file " + path + " appears twice in the upload");
        }
        BlobWriter.StoredBlob blob = storeBlob(in);
        CommitResult.FileInfo file = new CommitResult.FileInfo(path.toString(), blob.size(), blob.sha256());
        files.add(file);
        return file;
    }

    /**
     * Puts at {@code path} a blob stored by an earlier request (a Git LFS object uploaded
     * before the commit naming it): {@link #commit} checks, before committing anything, that
     * the caller may name it without its bytes ({@link LfsObjects#mayName}: uploaded to this
     * repository, or referenced by one the caller may read) and that the store holds
     * {@code sha256} with {@code size} bytes, and keeps it from collection until the commit references it.
     *
     * @throws BadRequestException when this upload has a file at {@code path} already, or no file may be
     *                             written there ({@link RepoPath#forWriting})
     * @throws io.modellibrary.blob.MissingBlobException (from {@link #commit}) when the blob is not stored with that size,
     *         or the caller may not name it (the same exception: the answer must not tell the two apart)
     */
    public CommitResult.FileInfo putStored(RepoPath path, String sha256, long size) {
        if (!seen.add(path.forWriting())) {
            throw new BadRequestException("file " + path + " appears twice in the upload");
        }
        writer.adopt(sha256, size);
        named.putIfAbsent(sha256, size);
        CommitResult.FileInfo file = new CommitResult.FileInfo(path.toString(), size, sha256);
        files.add(file);
        return file;
    }

    /** The files {@link #add}ed so far, in order. */
    public List<CommitResult.FileInfo> files() {
        return List.copyOf(files);
    }

    /**
     * One commit putting every file {@link #add}ed, then {@code otherEdits} (deletes of files
     * or folders, or puts of blobs this upload stored with {@link #storeBlob}); none when
     * nothing changes. The answer lists the added files, or with other edits the commit's changes.
     *
     * @param repo         a repository found through {@link RepoAccess#writable}
     * @param branch       the branch to commit on; null or blank: {@code main}
     * @param message      the commit message (see {@link CommitMessages#orDefault})
     * @param parentCommit null, or the 40-hex head the upload was based on
     * @throws io.modellibrary.versioning.HeadMovedException when {@code parentCommit} is not the head
     * @throws MissingBlobException when a blob named by {@link #putStored} may not be named by the caller, or is not stored
     * @see FileCommits#commit(Repo, String, CurrentUser, String, String, List, BlobWriter, List)
     */
    public CommitResult commit(Repo repo, String branch, CurrentUser user, String message, String parentCommit,
                               List<Edit> otherEdits) throws IOException {
        requireNameable(repo, user);
        List<Edit> edits = Stream.concat(files.stream().map(f -> Edit.put(f.path(), f.sha256(), f.size())),
                otherEdits.stream()).toList();
        return commits.commit(repo, branch, user, message, parentCommit, edits, writer,
                otherEdits.isEmpty() ? files() : null);
    }

    /** The first blob named by {@link #putStored} whose bytes the caller neither sent here nor may name: refused as missing. */
    private void requireNameable(Repo repo, CurrentUser user) {
        Map<String, Long> unsent = new LinkedHashMap<>(named);
        unsent.keySet().removeAll(sent);
        if (unsent.isEmpty()) {
            return;
        }
        Set<String> allowed = objects.mayName(repo, user, unsent.keySet());
        unsent.forEach((sha256, size) -> {
            if (!allowed.contains(sha256)) {
                throw new MissingBlobException(sha256, size);
            }
        });
    }

    /** Ends the upload: what was never committed is left to the collector. */
    @Override
    public void close() {
        writer.close();
    }
}
