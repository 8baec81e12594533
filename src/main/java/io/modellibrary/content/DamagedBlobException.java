package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A committed file whose blob is missing from the store or has another size than the commit
 * recorded (deleted or truncated in the store, a restore that missed files). Its bytes are never
 * served: every face answers 500 in its own error form (the seed API's envelope, the Hub's
 * {@code {"error"}} with {@code X-Error-Code: StoredFileDamaged}) before any header of a
 * download is sent, and {@link #check} has logged one ERROR naming the repository, the
 * path and the sha256 for the operator (who runs {@code --modellibrary.check=report}, see
 * the README). The message for the client names the path only.
 */
public class DamagedBlobException extends RuntimeException {

    private static final Logger log = LoggerFactory.getLogger(DamagedBlobException.class);

    private final String sha256;

    private DamagedBlobException(String path, String sha256) {
        super("the stored content of " + path + " is missing or damaged; the server's operator has been told");
        this.sha256 = sha256;
    }

    /** The 64-hex SHA-256 of the blob the commit names. */
    public String sha256() {
        return sha256;
    }

    /**
     * Compares the stored blob's size with the size the commit recorded; logs one ERROR and
     * throws when it is missing or of another size (a size check, not a hash: that would read
     * the whole blob; on S3 it is one HEAD).
     *
     * @param repo   the repository, for the log line
     * @param path   the file's path in it
     * @param sha256 the blob's SHA-256
     * @param size   the size the commit recorded, in bytes
     * @param blobs  the store
     * @throws DamagedBlobException when the blob is missing, unreadable or of another size
     * @throws RuntimeException       the store's own, unchanged, when it cannot be reached
     *                                ({@link io.modellibrary.common.Outage#BLOB_STORE}): nothing is logged here
     */
    public static void check(Repo repo, String path, String sha256, long size, BlobStore blobs) {
        String found;
        try {
            long actual = blobs.size(sha256);
            if (actual == size) {
                return;
            }
            found = actual < 0 ? "is missing" : "has " + actual + " bytes";
        } catch (RuntimeException e) {
            if (io.modellibrary.common.Outage.BLOB_STORE.causedBy(e)) {
                throw e; // the store is out of reach, not its content damaged: every face answers 503
            }
            found = "cannot be read (" + e + ")";
        }
        log.error("Damaged blob store: {} {} path {} needs blob sha256 {} of {} bytes, but it {}; not served. "
                        + "Run the consistency check: java -jar model-library.jar --modellibrary.check=report",
                repo.repoType().name().toLowerCase(java.util.Locale.ROOT), repo.getName(), path, sha256, size, found);
        throw new DamagedBlobException(path, sha256);
    }
}
