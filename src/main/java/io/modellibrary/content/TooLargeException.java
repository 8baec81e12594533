package io.modellibrary.content;

/**
 * A file or request over a configured limit; nothing of it is stored. Carries no HTTP
 * status: the web layer answers 413 with the message, which names the limit.
 */
public class TooLargeException extends RuntimeException {

    /** @param message the limit passed, as the caller is told */
    public TooLargeException(String message) {
        super(message);
    }
}
