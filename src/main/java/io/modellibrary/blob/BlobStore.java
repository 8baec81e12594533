package io.modellibrary.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes by sha256, each distinct content once. Writing is two steps so that many small
 * blobs share one sync: {@link #stage} writes and hashes into a private temporary place
 * (neither durable nor visible), {@link #publish} makes a batch durable and visible under
 * its hash. A published blob is never partial. The disk implementation is
 * {@link DiskBlobStore}; an S3 one would stage to a local temporary file and publish by
 * uploading.
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
    default long size(String sha256) {
        try {
            return java.nio.file.Files.size(path(sha256));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The local file holding the blob (for zero-copy downloads); it exists while {@link #exists}.
     *
     * @throws UnsupportedOperationException in a store without local files ({@link S3BlobStore}):
     *                                       read through {@link #open} there
     */
    Path path(String sha256);

    /**
     * Bytes {@code [offset, offset + length)} of the stored blob as a stream, which the caller
     * closes; fewer if the blob is shorter. This default reads the local file of {@link #path};
     * a remote store asks for that byte range only.
     *
     * @param offset first byte, from 0
     * @param length how many bytes, 0 or more
     * @throws java.nio.file.NoSuchFileException when the blob is not stored
     */
    default InputStream open(String sha256, long offset, long length) throws IOException {
        return new FileSlice(path(sha256), offset, length);
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
