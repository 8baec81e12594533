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
 * yields to them: two atomic operations per request, nothing else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestActivity extends OncePerRequestFilter implements Foreground {

    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile long lastEnded = Long.MIN_VALUE;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        inProgress.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            lastEnded = System.nanoTime();
            inProgress.decrementAndGet();
        }
    }

    @Override
    public boolean activeSince(long nanos) {
        return inProgress.get() > 0 || lastEnded - nanos >= 0;
    }
}
