package io.modellibrary.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Bytes by sha256, each distinct content once. Writing is two steps so that many small
 * blobs share one sync: {@link #stage} writes and hashes into a private temporary place
 * (neither durable nor visible), {@link #publish} makes a batch durable and visible under
 * its hash. A published blob is never partial. The disk implementation is
 * {@link DiskBlobStore}; {@link S3BlobStore} stages to a local temporary file and publishes by
 * uploading. Reads go through {@link #open} in every store.
 */
public interface BlobStore {

    /** Copy buffer size in bytes, shared with the multipart reader of uploads. */
    int BUFFER_SIZE = 1 << 20;

    /**
     * Writes {@code in} to a temporary place and hashes it.
     *
     * @throws BlobTooLargeException when more than {@code maxSize} bytes arrive (nothing is kept)
     */
    Staged stage(InputStream in, long maxSize) throws IOException;

    /**
     * {@link #stage(InputStream, long)}, for content whose sha256 the client announced (a Git
     * LFS object): a store may send it under that hash's name while it arrives ({@link S3BlobStore}
     * does), still invisible until {@link #publish}. The caller compares the result's hash and
     * size with what was announced and {@link #discard}s a mismatch, which then leaves nothing.
     *
     * @param expectedSha256 the announced hash, 64 lowercase hex digits
     * @throws BlobTooLargeException when more than {@code maxSize} bytes arrive (nothing is kept)
     */
    default Staged stage(InputStream in, long maxSize, String expectedSha256) throws IOException {
        return stage(in, maxSize);
    }

    /**
     * Makes the staged blobs durable and visible, all of them synced together; a blob whose
     * content is already stored just drops its temporary copy. Returns once everything is
     * on stable storage.
     */
    void publish(List<Staged> batch) throws IOException;

    /** Drops a staged blob that will not be published. */
    void discard(Staged staged);

    /** True when the blob is stored. */
    boolean exists(String sha256);

    /** The blob's size in bytes, or -1 when it is not stored. */
    long size(String sha256);

    /**
     * The local file holding the blob, for the disk store's zero-copy download
     * ({@code transfer.DownloadResponder} hands it to {@code sendfile}); empty in a store without
     * local files ({@link S3BlobStore}) and when the blob is not stored. Everything else reads
     * through {@link #open}, which every store serves.
     */
    default Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    /**
     * Bytes {@code [offset, offset + length)} of the stored blob as a stream, which the caller
     * closes; fewer if the blob is shorter. The disk store reads its file by positional reads
     * ({@link FileSlice}); a remote store asks for that byte range only (S3: a GetObject with
     * {@code Range}).
     *
     * @param offset first byte, from 0
     * @param length how many bytes, 0 or more
     * @throws java.nio.file.NoSuchFileException when the blob is not stored
     */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** The whole blob of {@code size} bytes as a stream (see {@link #open(String, long, long)}). */
    default InputStream open(String sha256, long size) throws IOException {
        return open(sha256, 0, size);
    }

    /**
     * A short-lived URL that serves the blob's bytes without this server, with Range, answering
     * with {@code contentDisposition} as its {@code Content-Disposition} header; empty when
     * the store gives none (the disk store, and S3 unless
     * {@code modellibrary.blobs.s3.presigned-downloads} is on). Anyone holding the URL reads the
     * blob until it expires, so it is only handed to a caller allowed to download the file.
     */
    default Optional<URI> presignedDownload(String sha256, String contentDisposition) {
        return Optional.empty();
    }

    /** Removes the blob; true if it was there. Only the {@link BlobCollector} calls this. */
    boolean delete(String sha256) throws IOException;

    /** Age in ms of the stored file, or -1 when absent (for blobs found without an index entry). */
    long ageMillis(String sha256);

    /**
     * A blob written but not yet published.
     *
     * @param sha256 lowercase hex of the content's SHA-256
     * @param size   in bytes
     * @param temp   where the bytes wait (implementation-specific); null when the store holds them already
     */
    record Staged(String sha256, long size, Path temp) {
    }
}
