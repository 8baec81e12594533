package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A face's own error form, for refusals written outside its handlers: by a filter
 * ({@link MalformedQueryFilter}), by security's entry points, by the container
 * ({@link JsonErrorReportValve}, {@link EnvelopeErrorController}). The Hub face answers
 * {@code {"error"}} with {@code X-Error-Message} (Git LFS's {@code {"message"}} on its routes), the
 * web face an HTML page; a request no face claims gets the envelope. {@link ErrorForms} asks
 * every bean of this type in turn.
 */
public interface ErrorForm {

    /** True when the request (its path, the original one on an error dispatch) is one of this face's routes. */
    boolean matches(HttpServletRequest request);

    /**
     * True when this form also answers a browser's request ({@code Accept: text/html}) that no face
     * claims by its path (an address refused before any route is known, such as {@code //x}).
     */
    default boolean takesBrowsers(HttpServletRequest request) {
        return false;
    }

    /**
     * Writes the refusal.
     *
     * @param status  the HTTP status, 4xx or 5xx
     * @param message what is wrong, in words the caller can act on (never a stack trace)
     */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException;
}
