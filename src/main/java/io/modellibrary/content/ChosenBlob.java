package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes a download serves: one file of a repository at a revision, resolved to its blob,
 * with the store that holds it.
 *
 * @param repo     the repository (for counting the download)
 * @param revision the revision as asked for ({@code main} when none was)
 * @param path     the file's full path in the repository ({@link RepoPath} form)
 * @param sha256   the blob's 64-hex SHA-256 (the download's ETag)
 * @param size     the blob's size in bytes (checked against the store when chosen)
 * @param blobs    the store holding the blob
 */
public record ChosenBlob(Repo repo, String revision, String path, String sha256, long size, BlobStore blobs) {

    /** The file's own name: its path's last segment. */
    public String name() {
        return RepoPath.of(path).name();
    }

    /** The blob's local file, for a zero-copy send; empty when the store keeps none (S3). */
    public Optional<Path> localFile() {
        return blobs.localFile(sha256);
    }

    /**
     * Bytes {@code [offset, offset + length)} of the blob, from whichever store holds it; the
     * caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when the blob is no longer stored
     */
    public InputStream open(long offset, long length) throws IOException {
        return blobs.open(sha256, offset, length);
    }

    /**
     * A short-lived URL serving the blob without this server, answering with this
     * {@code Content-Disposition}, when the store gives one ({@link BlobStore#presignedDownload}).
     */
    public Optional<URI> presignedDownload(String contentDisposition) {
        return blobs.presignedDownload(sha256, contentDisposition);
    }
}
