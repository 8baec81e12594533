package io.modellibrary.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * The pages' CSRF tokens (docs/decisions.md S21). A request whose {@value WebPages#SESSION_COOKIE}
 * cookie holds a session token we signed has a token derived from that session, never stored and never
 * in a cookie: {@code base64url(HMAC-SHA256(k, userId 0x00 sid))} (43 characters), where {@code sid} is
 * the session's id ({@link SignedInSession}) and {@code k = HMAC-SHA256(JWT signing key,}
 * {@value #KEY_LABEL}{@code )}, a key of its own derived from the signing key. A cookie planted by another
 * application of the same host (cookies ignore ports), a sibling subdomain or a network attacker on plain
 * HTTP therefore cannot choose the token a signed-in request is checked against: the planted-cookie
 * attack on a plain double-submit cookie (OWASP CSRF Prevention Cheat Sheet, "Naive Double-Submit
 * Cookie"). The token stays the same for the whole session (renewals keep {@code sid}), so a page left
 * open keeps working; it changes with every sign-in.
 *
 * <p>Requests without such a session (the sign-in and sign-up forms) keep Spring's cookie token
 * ({@link CookieCsrfTokenRepository}, {@code XSRF-TOKEN}, {@code SameSite=Lax}): a planted cookie there
 * can at most sign the victim into the attacker's account (login CSRF), which gives the attacker
 * nothing of the victim's, and a browser sending Fetch Metadata refuses it anyway ({@link CrossSiteForms}).
 *
 * <p>The session is read from the same cookie, chosen the same way, as {@link JwtAuthenticationFilter}
 * reads it ({@link JwtAuthenticationFilter#sessionCookie}); a token that verifies names the session
 * even when the user has signed it out since (the request is then anonymous, and its forms carry that
 * session's token all the same, so they stay consistent). The form field and header keep Spring's
 * names ({@value #PARAMETER}, {@value #HEADER}); the masking against BREACH is the request handler's
 * ({@link PageCsrfTokens}).
 */
final class SessionCsrfTokens implements CsrfTokenRepository {

    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-XSRF-TOKEN";
    /** What the token key is derived for: never a value a JWT's own HMAC covers (a JWT is {@code header.payload}). */
    static final String KEY_LABEL = "model-library page CSRF tokens v1";
    private static final String HMAC = "HmacSHA256";
    /** The request attribute caching a request's session token (or its absence). */
    private static final String CACHED = SessionCsrfTokens.class.getName() + ".token";

    private final JwtService jwt;
    private final SecretKeySpec key;
    private final CookieCsrfTokenRepository anonymous = new CookieCsrfTokenRepository();

    SessionCsrfTokens(JwtService jwt, SigningKey signing) {
        this.jwt = jwt;
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(signing.key().getEncoded(), HMAC),
                KEY_LABEL.getBytes(StandardCharsets.UTF_8)), HMAC);
        anonymous.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    }

    /** The session's token, or the cookie's (generated if absent) for a request without a session. */
    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessionToken(request).orElseGet(() -> anonymous.generateToken(request));
    }

    /** Nothing to save for a session's token; the cookie for the others. */
    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (sessionToken(request).isEmpty()) {
            anonymous.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return sessionToken(request).orElseGet(() -> anonymous.loadToken(request));
    }

    /** The token of the request's session, when its session cookie verifies; computed once a request. */
    @SuppressWarnings("unchecked")
    private Optional<CsrfToken> sessionToken(HttpServletRequest request) {
        if (request.getAttribute(CACHED) instanceof Optional<?> cached) {
            return (Optional<CsrfToken>) cached;
        }
        Optional<CsrfToken> token = JwtAuthenticationFilter.sessionCookie(request).flatMap(jwt::verified)
                .map(session -> new DefaultCsrfToken(HEADER, PARAMETER, token(session.userId(), session.session().id())));
        request.setAttribute(CACHED, token);
        return token;
    }

    /** The token of the session {@code sessionId} of the user {@code userId} (43 base64url characters). */
    String token(String userId, String sessionId) {
        byte[] message = (userId + '\0' + sessionId).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, message));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
