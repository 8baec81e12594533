package io.modellibrary.hub;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;

/**
 * Which failures under a Hub or Git LFS controller are the client's: Spring MVC's own refusals
 * ({@link ErrorResponse} with a 4xx status: a wrong method, a missing parameter, an unacceptable
 * {@code Accept}), a path variable or parameter of the wrong type ({@link TypeMismatchException},
 * such as {@code /part/x}) and a missing or unreadable body ({@link HttpMessageNotReadableException}).
 * Neither of the last two is an {@link ErrorResponse}, so without this they would be answered 500.
 */
final class ClientErrors {

    private ClientErrors() {
    }

    /** A client error's status and message. */
    record Refusal(HttpStatusCode status, String message) {
    }

    /** The refusal {@code e} stands for, or null when it is not the client's fault. */
    static Refusal of(Exception e) {
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName();
            return new Refusal(HttpStatus.BAD_REQUEST, (name == null ? "a parameter" : name) + " has an invalid value");
        }
        if (e instanceof HttpMessageNotReadableException) {
            return new Refusal(HttpStatus.BAD_REQUEST, "the request body is missing or not valid JSON of the expected shape");
        }
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            String detail = response.getBody().getDetail();
            return new Refusal(response.getStatusCode(), detail == null ? "bad request" : detail);
        }
        return null;
    }
}
