package io.modellibrary.common;

import org.springframework.http.HttpStatus;

/** Malformed or invalid input; the message names the field. */
public class BadRequestException extends ApiException {

    public BadRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, message);
    }
}
