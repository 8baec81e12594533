package io.modellibrary.security;

import io.modellibrary.common.ErrorForms;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a page request that changes something (any method but {@code GET}, {@code HEAD},
 * {@code OPTIONS} and {@code TRACE}, as the CSRF check) when the browser says it comes from another
 * origin: a {@code Sec-Fetch-Site} header (W3C "Fetch Metadata Request Headers") other than
 * {@code same-origin} or {@code none}. 403 in the page's form, before the CSRF check, whatever token
 * the request carries (docs/decisions.md S22).
 *
 * <p>{@code same-site} is refused too: another port of the same host and a sibling subdomain are the
 * same site, and exactly who plants cookies. {@code none} passes: it is a request the user made
 * through the browser itself (a bookmark, the address bar, a reload re-sending a form), which no
 * other page can cause; Go's {@code net/http.CrossOriginProtection} passes it for that reason. A request
 * without the header (an older browser, a script) is left to the CSRF token alone. Spring Security
 * 7.0 has no such check (spring-security issue 18361 asks for one), hence this filter.
 */
final class CrossSiteForms extends OncePerRequestFilter {

    static final String HEADER = "Sec-Fetch-Site";
    static final String REFUSAL = "this form was sent from another site or another port of this host, not from one of this"
            + " site's own pages. Nothing was changed: open the page here and send the form from it";
    private static final Set<String> UNCHANGING = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN = Set.of("same-origin", "none");

    private final ErrorForms errors;

    CrossSiteForms(ErrorForms errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader(HEADER);
        if (site != null && !UNCHANGING.contains(request.getMethod())
                && !OWN.contains(site.strip().toLowerCase(Locale.ROOT))) {
            errors.write(request, response, HttpStatus.FORBIDDEN.value(), REFUSAL);
            return;
        }
        chain.doFilter(request, response);
    }
}
