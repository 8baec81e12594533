package io.modellibrary.transfer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Aborts an answer that cannot be finished: a download whose store read failed after its headers
 * were sent ({@link DownloadResponder}) is marked with {@link #abort}, and once the application
 * returns, the valve installed here has Tomcat close the connection at once
 * ({@code ActionCode.CLOSE_NOW}: what it does for an exception thrown after the answer was
 * committed), without ending the body. The client then sees fewer bytes than the
 * {@code Content-Length} it was given and a closed connection, an incomplete transfer it can
 * retry or resume, never a short body on a connection kept alive (where it would wait for the
 * rest until the keep-alive timeout, or read the next answer as the rest). Servlets have no
 * such call of their own; outside Tomcat (MockMvc) the mark is only a request attribute.
 */
@Configuration(proxyBeanMethods = false)
class AbortedResponses {

    /** The request attribute that marks an answer to abort; its value is the failure. */
    static final String ATTRIBUTE = AbortedResponses.class.getName() + ".failure";

    /** Marks the request's answer to be aborted once the application returns (see the class comment). */
    static void abort(HttpServletRequest request, Throwable failure) {
        request.setAttribute(ATTRIBUTE, failure);
    }

    /** Installs the valve in the servlet context's pipeline. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> abortedResponsesValve() {
        return factory -> factory.addContextValves(new AbortValve());
    }

    /** Closes the connection of a marked request after the application's answer. */
    static final class AbortValve extends ValveBase {

        AbortValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(ATTRIBUTE) instanceof Throwable failure) {
                // an IOException keeps the status as sent (for the access log); the answer is committed anyway
                response.getCoyoteResponse().action(ActionCode.CLOSE_NOW,
                        failure instanceof IOException ? failure : new IOException(failure));
            }
        }
    }
}
