package io.modellibrary.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Duration;

/**
 * The browser pages' URLs, implemented by the web face (a bean), so that security can give
 * them their own filter chain without knowing that package: the session JWT travels in the
 * {@value #SESSION_COOKIE} cookie ({@code HttpOnly; SameSite=Lax}, {@code Secure} over HTTPS)
 * instead of a header, and state-changing requests need a CSRF token. Every other URL (the
 * API, the Hub routes) keeps the header-token chain; there the cookie counts only for Hub file
 * downloads ({@code GET|HEAD .../resolve/...}), so a page's download button works for a
 * private repository.
 */
public interface WebPages extends RequestMatcher {

    /**
     * True for a page whose raw URI may hold {@code %2F} in its revision segment (a branch
     * {@code feat/y} is linked as {@code /tree/feat%2Fy}); {@link HubFirewall} lets such a request
     * through, and refuses {@code %2F} anywhere else in it, as everywhere outside the Hub routes.
     */
    default boolean takesEncodedSlashes(HttpServletRequest request) {
        return false;
    }

    /**
     * True for a page request that may carry its CSRF token ({@code _csrf}) in its query string: the
     * streamed upload form's POST, whose body the container never parses (docs/decisions.md L12). Every
     * other form sends it in its body or the {@code X-XSRF-TOKEN} header; a query token there is refused.
     */
    default boolean takesQueryCsrfToken(HttpServletRequest request) {
        return false;
    }

    /**
     * A request attribute ({@code Boolean.TRUE}) set when the pages' CSRF check refused the request, before its
     * refusal is written: the web face may then answer with a fresh form instead of {@link #CSRF_REFUSAL}'s page
     * (docs/decisions.md W24, W25); the refused request itself is never carried out.
     */
    String CSRF_REFUSED = WebPages.class.getName() + ".csrfRefused";

    /** The words of a page form's CSRF refusal (403): "reload" would send the POST again, so Back (W23). */
    String CSRF_REFUSAL = "this form was sent without its security token, or with one from before you signed in or out:"
            + " go Back (the form's page loads again with a fresh token and keeps what you typed) and send it again";

    /** The cookie holding a browser session's JWT. */
    String SESSION_COOKIE = "ml_session";

    /** The session cookie carrying {@code token}; it lives as long as a session may ({@code max-session-age}). */
    static ResponseCookie sessionCookie(String token, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(SESSION_COOKIE, token).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                .path("/").maxAge(maxAge).build();
    }

    /** A cookie that removes the session cookie (sign-out). */
    static ResponseCookie clearedSessionCookie(HttpServletRequest request) {
        return ResponseCookie.from(SESSION_COOKIE, "").httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                .path("/").maxAge(0).build();
    }
}
