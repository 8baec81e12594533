package io.modellibrary.blob;

/**
 * Content sent for an announced object (a Git LFS upload) that is not that object: another
 * sha256 or another size. Nothing of it was kept. Carries no HTTP status.
 */
public class BlobMismatchException extends RuntimeException {

    /** The announced sha256 (64 hex). */
    private final String expected;

    BlobMismatchException(String expected, long expectedSize, String actual, long actualSize) {
        super("the content sent is not object " + expected + " of " + expectedSize + " bytes (it has sha256 "
                + actual + " and " + actualSize + " bytes)");
        this.expected = expected;
    }

    /** The announced sha256. */
    public String expected() {
        return expected;
    }
}
