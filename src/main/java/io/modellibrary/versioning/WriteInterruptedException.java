package io.modellibrary.versioning;

/**
 * A write whose thread was interrupted while it waited to try again (the server is
 * stopping): nothing of it was kept, and the thread's interrupt flag is set again. The web
 * layer answers 503 with the message.
 */
public class WriteInterruptedException extends RuntimeException {

    /** @param cause the interruption */
    public WriteInterruptedException(InterruptedException cause) {
        super("the server is shutting down", cause);
    }
}
