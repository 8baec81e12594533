package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/**
 * A repository (or something in it) that does not exist, or that the caller may not
 * see: both answer the same, so a private repository's existence never leaks. Endpoints
 * of the seed document answer 200 with code 0 (see {@link SeedStatus}); the others 404.
 */
public class NoSuchItemException extends ApiException {

    public NoSuchItemException() {
        this(Envelope.NO_SUCH_ITEM);
    }

    public NoSuchItemException(String message) {
        super(HttpStatus.NOT_FOUND, message);
    }
}
