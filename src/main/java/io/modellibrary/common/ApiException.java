package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/**
 * A failure a caller can understand: its status and its message go into the envelope
 * as they are. Subclasses name the common cases.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
