package io.modellibrary.common;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;

/**
 * Tomcat's own error page, for requests it refuses before any servlet runs (an encoded
 * {@code %2f} or {@code ..} in the path, a malformed request line): the error form of the face
 * whose route it is ({@link ErrorForms}: the envelope, the Hub's JSON, a page) instead of Tomcat's
 * HTML page, and nothing about the server.
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
            ErrorForms.current().write(request.getRequest(), response.getResponse(), status, Errors.generic(status));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was already committed: nothing to add.
        }
    }
}
