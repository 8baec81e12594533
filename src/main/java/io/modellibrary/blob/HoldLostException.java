package io.modellibrary.blob;

import java.io.IOException;

/**
 * An upload lost blobs it had stored: it ran longer than its hold on them (the storage
 * lease, {@code modellibrary.storage.lease}) and the collector, taking it for the upload of a
 * writer that died, deleted them, or was deleting them and did not finish in time. Nothing
 * was committed and nothing of the upload stays; sending it again succeeds. The faces answer
 * 503 Service Unavailable with {@code Retry-After} (RFC 9110 §15.6.4, §10.2.3): the request
 * was fine, the server could not finish it this time. See {@link BlobWriter}, "a hold that ran out".
 */
public class HoldLostException extends IOException {

    /** Seconds a client is asked to wait before sending the upload again. */
    public static final long RETRY_AFTER_SECONDS = 1;

    /** @param message what went, ending with what to do ("send it again") */
    public HoldLostException(String message) {
        super(message);
    }

    /** The first {@code HoldLostException} in {@code e}'s cause chain (at most 32 deep), or null. */
    public static HoldLostException in(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof HoldLostException lost) {
                return lost;
            }
        }
        return null;
    }
}
