package io.modellibrary.common;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;

/**
 * Tomcat's own error page, for requests it refuses before any servlet runs (an encoded
 * {@code %2f} or {@code ..} in the path, a malformed request line): the error form of the face
 * whose route it is ({@link ErrorForms}: the envelope, the Hub's JSON, a page) instead of Tomcat's
 * HTML page, and nothing about the server. Such an answer carries the security headers of every
 * other one ({@link SecurityHeaders}: a CSP, {@code X-Frame-Options}, {@code nosniff},
 * {@code Referrer-Policy}), which {@link ErrorForms} sets: no filter has run for it.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("Refused by the container with " + status + (throwable == null ? "" : ": " + throwable));
        }
        try {
            forms().write(request.getRequest(), response.getResponse(), status, Errors.generic(status));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was already committed: nothing to add.
        }
    }

    /**
     * The error forms of the application this valve's host serves (a request refused before mapping
     * has no context of its own to ask); {@link ErrorForms#current} when there is none, as before
     * the application starts. Asked of the host rather than taken from the static alone, since one
     * JVM may run several applications (the tests do).
     */
    private ErrorForms forms() {
        if (getContainer() instanceof org.apache.catalina.Host host) {
            for (org.apache.catalina.Container child : host.findChildren()) {
                ErrorForms forms = child instanceof org.apache.catalina.Context context ? formsOf(context) : null;
                if (forms != null) {
                    return forms;
                }
            }
        }
        return ErrorForms.current();
    }

    private static ErrorForms formsOf(org.apache.catalina.Context context) {
        try {
            var app = org.springframework.web.context.support.WebApplicationContextUtils.getWebApplicationContext(context.getServletContext());
            return app == null ? null : app.getBeanProvider(ErrorForms.class).getIfAvailable();
        } catch (IllegalStateException closed) {
            return null; // the application is stopping
        }
    }
}
