package io.modellibrary.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.function.Predicate;

/**
 * Where a page's request may carry its CSRF token, and its masking: Spring's
 * {@link XorCsrfTokenRequestAttributeHandler} (each page gets the token XOR a fresh random mask,
 * {@code base64url(r || r XOR token)}, against BREACH) reading the {@code X-XSRF-TOKEN} header or the
 * {@code _csrf} parameter; but a {@code _csrf} in the query string counts only on the routes that take
 * it there (the streamed upload form, whose body the container never parses: docs/decisions.md L12).
 * Anywhere else a token in the address is refused as a missing one, even with the right one in the
 * body: an address is kept in history, logs and (within this site) {@code Referer}, so no form may
 * learn to put its token there (docs/decisions.md S23).
 */
final class PageCsrfTokens implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();
    private final Predicate<HttpServletRequest> takesQueryToken;

    /** @param takesQueryToken true for the requests whose query string may hold the token */
    PageCsrfTokens(Predicate<HttpServletRequest> takesQueryToken) {
        this.takesQueryToken = takesQueryToken;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    /** The token sent, unmasked; null (refused) for one in the query string of a route that does not take it there. */
    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        if (inQuery(request.getQueryString(), token.getParameterName()) && !takesQueryToken.test(request)) {
            return null;
        }
        return masked.resolveCsrfTokenValue(request, token);
    }

    /** True when {@code query} has a parameter named {@code name} (its name percent-decoded, as the container decodes it). */
    static boolean inQuery(String query, String name) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            String decoded;
            try {
                decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = raw;
            }
            if (decoded.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
