package io.modellibrary.blob;

/** More bytes arrived than the caller allowed for one blob; nothing of it was kept. */
public class BlobTooLargeException extends RuntimeException {

    private final long maxSize;

    public BlobTooLargeException(long maxSize) {
        super("a file is larger than the limit of " + maxSize + " bytes");
        this.maxSize = maxSize;
    }

    /** The limit in bytes. */
    public long maxSize() {
        return maxSize;
    }
}
