package io.modellibrary.blob;

/**
 * A commit names a blob by sha256 and size (a Git LFS object) that the store does not hold
 * with that size: never uploaded, uploaded with another size, or collected after its pending
 * record expired; or one the caller may not name without its bytes ({@code content.LfsObjects#mayName}),
 * which must answer exactly as one never uploaded. Nothing was committed. Carries no HTTP status.
 */
public class MissingBlobException extends RuntimeException {

    private final String sha256;
    private final long size;

    /** The object named, by sha256 (64 hex) and size in bytes (-1 when none was named). */
    public MissingBlobException(String sha256, long size) {
        super("object " + sha256 + " (" + size + " bytes) was not uploaded; upload it (Git LFS batch) before committing it");
        this.sha256 = sha256;
        this.size = size;
    }

    /** The object's sha256 (64 hex). */
    public String sha256() {
        return sha256;
    }

    /** The size in bytes the commit named. */
    public long size() {
        return size;
    }
}
