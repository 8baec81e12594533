package io.modellibrary.common;

/**
 * Malformed or invalid input; the message names the field. Carries no HTTP status, so the
 * storage engine may throw it too: the {@link GlobalExceptionHandler} answers 400.
 */
public class BadRequestException extends RuntimeException {

    /** @param message the field and what is wrong with it, as the caller is told */
    public BadRequestException(String message) {
        super(message);
    }
}
