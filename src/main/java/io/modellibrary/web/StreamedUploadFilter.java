package io.modellibrary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;

/**
 * Keeps the upload page's multipart body for {@link UploadPageController} to stream: on
 * {@code POST .../upload/{branch}} the request's parameters are its query string's alone (the
 * CSRF check reads {@code _csrf} there or from a header, never by making the container buffer a
 * multi-gigabyte body) and its content type is hidden from the multipart resolver (the
 * controller reads the {@code Content-Type} header itself).
 */
class StreamedUploadFilter extends OncePerRequestFilter {

    /**
     * Every upload form's POST ({@link WebPaths#isUploadForm}), a namespace-less repository's too: its body
     * went to Spring's multipart resolver before, and a file over {@code spring.servlet.multipart.max-file-size}
     * was refused with a 413 in the API's envelope (found by the hostile-input suite once its page forms
     * sent their CSRF header under its right name).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/") || !WebPaths.isUploadForm(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new QueryOnly(request), response);
    }

    /** The request with the query string's parameters only and no content type. */
    private static final class QueryOnly extends io.modellibrary.common.FixedParameters {

        QueryOnly(HttpServletRequest request) {
            super(request);
            if (request.getQueryString() != null) {
                MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
                        .query(request.getQueryString()).build(false).getQueryParams();
                query.forEach((name, values) -> parameters.put(decode(name),
                        values.stream().map(v -> v == null ? "" : decode(v)).toArray(String[]::new)));
            }
        }

        private static String decode(String value) {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String getContentType() {
            return null;
        }

    }
}
