package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Sets {@code Content-Security-Policy} (CSP Level 3) on every response, before anything else
 * runs, so error answers carry it too.
 *
 * <ul>
 *   <li>Swagger UI ({@code /swagger-ui.html}, {@code /swagger-ui/**}): {@link #SWAGGER_UI}.
 *   springdoc serves its page, scripts ({@code swagger-ui-bundle.js}, the generated
 *   {@code swagger-initializer.js}) and styles from this origin, with no inline script;
 *   the bundle applies inline styles (swagger-ui issue #10655) and its stylesheet draws its
 *   icons from {@code data:} SVGs, and "Try it out" calls the API on this origin.</li>
 *   <li>The browser pages and their assets: what the face serving them says ({@link PageSecurityPolicy}).</li>
 *   <li>Everything else: {@link #API}. The API serves JSON and files, never a page that
 *   needs to run anything, and nothing here is meant to be framed. A handler that sets a
 *   stricter policy of its own (avatars add {@code sandbox}) replaces this one.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentSecurityPolicy extends OncePerRequestFilter {

    private final java.util.List<PageSecurityPolicy> pages;

    ContentSecurityPolicy(java.util.List<PageSecurityPolicy> pages) {
        this.pages = pages;
    }

    static final String HEADER = "Content-Security-Policy";
    static final String API = "default-src 'none'; frame-ancestors 'none'";
    static final String SWAGGER_UI = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String page = pages.stream().map(p -> p.policyFor(request)).flatMap(java.util.Optional::stream).findFirst().orElse(null);
        response.setHeader(HEADER, page != null ? page
                : isSwaggerUi(request.getRequestURI(), request.getContextPath()) ? SWAGGER_UI : API);
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    static boolean isSwaggerUi(String uri, String contextPath) {
        String path = RequestPaths.inApp(uri, contextPath);
        return path != null && (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/"));
    }
}
