package io.modellibrary.common;

/**
 * A repository (or something in it) that does not exist, or that the caller may not
 * see: both answer the same, so a private repository's existence never leaks. Carries no
 * HTTP status, so the storage engine may throw it too: the {@link GlobalExceptionHandler}
 * answers 404, or 200 with code 0 on endpoints of the seed API (see {@link SeedStatus} and docs/http-contract.md#business-no-answers).
 */
public class NoSuchItemException extends RuntimeException {

    /** With the message {@value Envelope#NO_SUCH_ITEM}. */
    public NoSuchItemException() {
        this(Envelope.NO_SUCH_ITEM);
    }

    /** @param message what is missing, as the caller is told */
    public NoSuchItemException(String message) {
        super(message);
    }
}
