package io.modellibrary.common;

import java.io.IOException;

/**
 * A write the server could not finish this time through no fault of the request, of which
 * nothing was kept: the same request sent again succeeds. Every face answers it with 503
 * Service Unavailable and {@code Retry-After} (RFC 9110 §15.6.4, §10.2.3) in its own error
 * form, its message saying what went; never a 500. An {@link IOException}, since it ends a
 * write of bytes where other storage failures do.
 */
public abstract class SendAgainException extends IOException {

    /** @param message what went, ending with what to do ("send it again") */
    protected SendAgainException(String message) {
        super(message);
    }

    /** Seconds a client is asked to wait before sending the request again. */
    public abstract long retryAfterSeconds();

    /** The first {@code SendAgainException} in {@code e}'s cause chain ({@link Causes}), or null. */
    public static SendAgainException in(Throwable e) {
        return Causes.find(e, SendAgainException.class).orElse(null);
    }
}
