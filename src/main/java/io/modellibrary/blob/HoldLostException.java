package io.modellibrary.blob;

import io.modellibrary.common.SendAgainException;

/**
 * An upload lost blobs it had stored: it ran longer than its hold on them (the storage
 * lease, {@code modellibrary.storage.lease}) and the collector, taking it for the upload of a
 * writer that died, deleted them, or was deleting them and did not finish in time. Nothing
 * was committed and nothing of the upload stays; sending it again succeeds (503 with
 * {@code Retry-After: 1} on every face). See {@link BlobWriter}, "a hold that ran out".
 */
public class HoldLostException extends SendAgainException {

    /** @param message what went, ending with what to do ("send it again") */
    public HoldLostException(String message) {
        super(message);
    }

    /** One second: a new upload starts with a fresh hold. */
    @Override
    public long retryAfterSeconds() {
        return 1;
    }
}
