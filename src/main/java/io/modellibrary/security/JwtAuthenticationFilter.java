package io.modellibrary.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs the caller in from {@code Authorization: Bearer <jwt>} (or a bare token) and
 * renews the token: the response carries a fresh one in its {@code Authorization}
 * header, set before the handler can commit the response. A missing, invalid or expired
 * token leaves the caller anonymous; protected paths then answer 401.
 */
final class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";

    private final JwtService jwt;
    private final UserDirectory users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    JwtAuthenticationFilter(JwtService jwt, UserDirectory users) {
        this.jwt = jwt;
        this.users = users;
    }

    /**
     * Avatars are public and cached by shared caches for a year: their responses must
     * never carry a renewed token, so the filter does not look at them at all.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/images/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        token(request).flatMap(jwt::verifiedSubject).flatMap(users::findById).ifPresent(user -> {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.NO_AUTHORITIES));
            contexts.setContext(context);
            response.setHeader(HttpHeaders.AUTHORIZATION, jwt.issue(user.id(), user.username()));
        });
        chain.doFilter(request, response);
    }

    private static Optional<String> token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            value = value.substring(BEARER.length()).strip();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
