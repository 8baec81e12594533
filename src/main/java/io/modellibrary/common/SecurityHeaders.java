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
 * Sets the security headers on every response, before anything else runs, so error answers carry
 * them too; {@link ErrorForms} sets them again on every refusal it writes (after a {@code reset()},
 * and on the container's own error pages, {@link JsonErrorReportValve}, which no filter sees):
 *
 * <ul>
 *   <li>{@code Content-Security-Policy} (CSP Level 3), by path:
 *   <ul>
 *     <li>Swagger UI ({@code /swagger-ui.html}, {@code /swagger-ui/**}): {@link #SWAGGER_UI}.
 *     springdoc serves its page, scripts ({@code swagger-ui-bundle.js}, the generated
 *     {@code swagger-initializer.js}) and styles from this origin, with no inline script;
 *     the bundle applies inline styles (swagger-ui issue #10655) and its stylesheet draws its
 *     icons from {@code data:} SVGs, and "Try it out" calls the API on this origin.</li>
 *     <li>The browser pages and their assets: what the face serving them says ({@link PageSecurityPolicy}).</li>
 *     <li>Everything else: {@link #API}. The API serves JSON and files, never a page that
 *     needs to run anything, and nothing here is meant to be framed. A handler that sets a
 *     stricter policy of its own (avatars add {@code sandbox}) replaces this one.</li>
 *   </ul></li>
 *   <li>{@code X-Frame-Options: DENY} (for browsers without CSP's {@code frame-ancestors}) and
 *   {@code X-Content-Type-Options: nosniff}, as Spring Security's defaults (which leave a header
 *   already set alone) give the answers that pass its filter chains.</li>
 *   <li>{@code Referrer-Policy: }{@value #REFERRER_POLICY}: a link or an image of a model card to
 *   another host is fetched with no {@code Referer} at all, so the names in a private repository's
 *   URL never leave this site; links within the site keep it (docs/decisions.md S24).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    private final java.util.List<PageSecurityPolicy> pages;

    SecurityHeaders(java.util.List<PageSecurityPolicy> pages) {
        this.pages = pages;
    }

    static final String CSP = "Content-Security-Policy";
    static final String FRAME_OPTIONS = "X-Frame-Options";
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String REFERRER = "Referrer-Policy";
    /** Sent on every response. */
    static final String REFERRER_POLICY = "same-origin";
    static final String API = "default-src 'none'; frame-ancestors 'none'";
    static final String SWAGGER_UI = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        set(request, response);
        chain.doFilter(request, response);
    }

    /**
     * Sets the headers of an API answer ({@link #API} policy) on {@code response}: for an answer written in
     * the envelope before any filter ran, after a {@code reset()} (the body-reading valve's refusals).
     */
    public static void setForApi(HttpServletResponse response) {
        set(response, API);
    }

    /** Sets the four headers for {@code request} on {@code response}, replacing any set before. */
    void set(HttpServletRequest request, HttpServletResponse response) {
        String page = pages.stream().map(p -> p.policyFor(request)).flatMap(java.util.Optional::stream).findFirst().orElse(null);
        set(response, page != null ? page : isSwaggerUi(request.getRequestURI(), request.getContextPath()) ? SWAGGER_UI : API);
    }

    private static void set(HttpServletResponse response, String policy) {
        response.setHeader(CSP, policy);
        response.setHeader(FRAME_OPTIONS, "DENY");
        response.setHeader(CONTENT_TYPE_OPTIONS, "nosniff");
        response.setHeader(REFERRER, REFERRER_POLICY);
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
