package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/**
 * A failure a caller can understand: its status and its message go into the envelope
 * as they are. Subclasses name the common cases. For the web layer only: the storage
 * engine ({@code versioning}, {@code blob}) and the content layer throw exceptions that carry no HTTP status, and
 * the web layer's exception handlers map them (kept so by {@code ArchitectureTest}).
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
