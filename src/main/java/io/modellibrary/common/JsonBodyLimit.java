package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Refuses a JSON request body ({@code application/json} or any {@code +json} type, such as Git
 * LFS's {@code application/vnd.git-lfs+json}) over {@link #MAX_BYTES} with a 413 in the face's
 * error form, before anything reads it: every JSON body is read whole ({@link StrictUtf8Bodies}
 * checks its UTF-8, Jackson then builds the request object), so without a bound one anonymous
 * request of a few hundred megabytes to the LFS batch of a public repository filled a 256 MB
 * heap. A declared {@code Content-Length} past the bound is refused unread; a chunked body is
 * read up to the bound and replayed. Streamed bodies are other types and keep their own limits:
 * NDJSON commits ({@code application/x-ndjson}), uploads and LFS objects.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class JsonBodyLimit extends OncePerRequestFilter {

    /**
     * The largest JSON body, in bytes: 16 MiB, far above any client's request (the Hub clients
     * send paths and LFS objects in batches of at most a few thousand) and MongoDB's
     * document limit besides; a repository's first files inline in {@code POST /api/repos/create}
     * count against it (larger files go by an upload or LFS).
     */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final ErrorForms errors;

    JsonBodyLimit(ErrorForms errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !JsonContent.isReadAsJson(JsonContent.parse(request.getContentType()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            refuse(request, response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new ReplayedBody(request, new ByteArrayInputStream(body), Map.of()), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(),
                "a JSON request body is limited to " + (MAX_BYTES >> 20) + " MiB");
    }
}
