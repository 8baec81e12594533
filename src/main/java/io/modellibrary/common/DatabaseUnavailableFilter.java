package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A database that cannot be reached ({@link Outage#DATABASE}) while a filter reads it (the
 * sign-in checks read the user and the access token before any controller runs): 503 with
 * {@code Retry-After} in the face's error form ({@link ErrorForms}) and one WARN line, rather than
 * the container's 500 and a stack trace per request. Failures inside a controller are answered by
 * the faces' own exception handlers, which recognise the same causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final ErrorForms errors;

    DatabaseUnavailableFilter(ErrorForms errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            if (!Outage.DATABASE.causedBy(e)) {
                throw e;
            }
            Outage.DATABASE.refused(request, e);
            if (response.isCommitted()) {
                return; // part of the answer is out: nothing more can be said over HTTP
            }
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Outage.DATABASE.retryAfterSeconds()));
            errors.write(request, response, HttpStatus.SERVICE_UNAVAILABLE.value(), Outage.DATABASE.message());
        }
    }
}
