package io.modellibrary.common;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * Writes a refusal in the form of the face whose route the request is ({@link ErrorForm}), the
 * envelope when none claims it (docs/http-contract.md#envelope), unless a browser asks for a page
 * ({@link ErrorForm#takesBrowsers}). For filters, entry points and the
 * container's error paths, which run outside the faces' exception handlers.
 */
@Component
public class ErrorForms {

    /**
     * The application's instance, for {@link JsonErrorReportValve}: Tomcat creates that valve from its
     * class name, outside Spring, so it cannot be given the bean. Null before the context starts
     * (the valve then writes the envelope).
     */
    private static volatile ErrorForms current;

    private final List<ErrorForm> forms;
    private final SecurityHeaders headers;

    ErrorForms(List<ErrorForm> forms, SecurityHeaders headers) {
        this.forms = List.copyOf(forms);
        this.headers = headers;
        current = this;
    }

    /** The running application's instance, or an envelope-only one before it starts. */
    static ErrorForms current() {
        ErrorForms running = current;
        return running != null ? running : new ErrorForms(List.of(), new SecurityHeaders(List.of()));
    }

    /**
     * Writes {@code status} and {@code message} in the request's face's form, with the security headers
     * every answer carries ({@link SecurityHeaders}): a refusal may come after a {@code reset()} or from
     * the container, before any filter set them.
     *
     * @throws IOException when the client went away
     */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        HttpServletRequest asked = original(request);
        headers.set(asked, response);
        for (ErrorForm form : forms) {
            if (form.matches(asked)) {
                form.write(asked, response, status, message);
                return;
            }
        }
        for (ErrorForm form : forms) {
            if (form.takesBrowsers(asked)) {
                form.write(asked, response, status, message);
                return;
            }
        }
        Errors.write(response, status, message);
    }

    /** On an error dispatch ({@code /error}), the request as the client sent it: the face is the one of its path. */
    private static HttpServletRequest original(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri)) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return uri;
            }

            @Override
            public String getServletPath() {
                return RequestPaths.inApp(uri, getContextPath());
            }
        };
    }
}
