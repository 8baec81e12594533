package io.modellibrary.transfer;

import io.modellibrary.blob.Foreground;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in progress, so that background storage work (the blob collector)
 * yields to them, and so that a shutdown that cuts some can say how many ({@link ShutdownCutWarning}):
 * two atomic operations per request (four for an upload), nothing else. An upload here is a
 * {@code POST}, {@code PUT} or {@code PATCH}: a request whose body the server stores.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestActivity extends OncePerRequestFilter implements Foreground {

    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger uploadsInProgress = new AtomicInteger();
    private volatile long lastEnded = Long.MIN_VALUE;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = switch (request.getMethod()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
        inProgress.incrementAndGet();
        if (upload) {
            uploadsInProgress.incrementAndGet();
        }
        try {
            chain.doFilter(request, response);
        } finally {
            lastEnded = System.nanoTime();
            if (upload) {
                uploadsInProgress.decrementAndGet();
            }
            inProgress.decrementAndGet();
        }
    }

    /** Requests of the main port in progress now. */
    int inProgress() {
        return inProgress.get();
    }

    /** Of {@link #inProgress()}, those that send a body to store ({@code POST}, {@code PUT}, {@code PATCH}). */
    int uploadsInProgress() {
        return uploadsInProgress.get();
    }

    @Override
    public boolean activeSince(long nanos) {
        return inProgress.get() > 0 || lastEnded - nanos >= 0;
    }
}
