package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/** Too many attempts: answers 429 with a {@code Retry-After} header of {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
