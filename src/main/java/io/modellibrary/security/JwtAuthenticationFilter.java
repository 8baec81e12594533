package io.modellibrary.security;

import io.modellibrary.common.ErrorForms;
import io.modellibrary.common.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Signs the caller in from {@code Authorization: Bearer <token>} (or a bare token).
 *
 * <p>An access token ({@link AccessTokens#PREFIX}) is looked up by its hash; it is never
 * renewed, and a {@code read} token may not send a request that changes anything (403
 * here, before any handler runs; the POSTs it may send are listed in {@link #READS_SENT_AS_POST}, plus
 * the Hub's {@code paths-info} and the Git LFS batch API, whose upload operation refuses a read token itself).
 *
 * <p>A session JWT must verify, belong to a user who still exists, have signed in after
 * that user's {@code sessionsValidAfter} (password change, sign-out everywhere), not be of a
 * session the user signed out ({@code endedSessions}, read with the user) and be
 * younger than the absolute session lifetime; the response then carries a renewed token
 * of the same session (id and sign-in time), set before the handler can commit the response; a
 * sign-out ({@link #SIGN_OUTS}) gets none.
 *
 * <p>Anything else leaves the caller anonymous; protected paths then answer 401. Each
 * credential costs one or two {@code _id} reads.
 *
 * <p>Browser pages ({@link WebPages}) carry the session JWT in the {@value WebPages#SESSION_COOKIE}
 * cookie instead: with {@code cookieAge} set the filter reads only that cookie (never an access
 * token) and renews it with a fresh cookie. Without it (the API chain) the cookie is read only for
 * a Hub file download without {@code Authorization}, a read that changes nothing. A request signed in by the
 * cookie carries the user as read ({@link UserDirectory.SessionUser#ATTRIBUTE}): the pages' header shows their
 * avatar and pending invitations from it.
 */
final class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Reads the web client sends as POST, and sign-in (which acts as no one yet): allowed with a read token. */
    static final Set<String> READS_SENT_AS_POST = Set.of("/api/getPrevAndNewFile", "/api/personalFiles", "/api/login",
            "/api/register/verifyUsername", "/api/register/submitUserInfo");
    /**
     * The sign-outs (POST), pages' and API's: the caller is signed in for them, but their answer carries no
     * renewed token or cookie, since the handler ends the session (S18) and clears the cookie; a renewal
     * set before it would be a second, stale {@code Set-Cookie} (browsers keep the last) or {@code Authorization}.
     */
    static final Set<String> SIGN_OUTS = Set.of("/logout", "/settings/account/logout-all", "/api/account/logout",
            "/api/account/logout-all");

    private final JwtService jwt;
    private final UserDirectory users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /** Null on the API chain; the renewed cookie's lifetime on the web pages' chain. */
    private final Duration cookieAge;
    /** Refusals in the face's error form (the Hub's JSON on its routes, the envelope elsewhere). */
    private final ErrorForms errors;

    JwtAuthenticationFilter(JwtService jwt, UserDirectory users, ErrorForms errors) {
        this(jwt, users, null, errors);
    }

    JwtAuthenticationFilter(JwtService jwt, UserDirectory users, Duration cookieAge, ErrorForms errors) {
        this.jwt = jwt;
        this.users = users;
        this.cookieAge = cookieAge;
        this.errors = errors;
    }

    /**
     * Avatars are public and cached by shared caches for a year: their responses must
     * never carry a renewed token, so the filter does not look at them at all.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RequestPaths.inApp(request).startsWith("/images/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> cookie = cookieAge != null || (request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && HubPaths.isFileRead(request)) ? sessionCookie(request) : Optional.empty();
        Optional<String> token = cookieAge != null ? Optional.empty() : token(request);
        if (cookie.isPresent()) {
            cookie.flatMap(jwt::verified).flatMap(this::currentSession).ifPresent(session -> {
                signIn(session.caller());
                // what the pages' header shows of the user, from this same read (W19, W20)
                request.setAttribute(UserDirectory.SessionUser.ATTRIBUTE, session.user());
                if (cookieAge != null && !signsOut(request)) {
                    String renewed = jwt.issue(session.user().id(), session.user().username(), session.signedIn());
                    response.addHeader(HttpHeaders.SET_COOKIE, WebPages.sessionCookie(renewed, cookieAge, request).toString());
                }
            });
        } else if (token.isPresent() && AccessTokens.looksLikeOne(token.get())) {
            Optional<CurrentUser> user = users.findByAccessToken(token.get());
            if (user.isEmpty()) {
                // A script's revoked or mistyped token must fail loudly, not read as anonymous
                // (the Hub answers 401 "Invalid credentials in Authorization header"). Session
                // JWTs still fall back to anonymous: the web client keeps stale ones.
                errors.write(request, response, HttpStatus.UNAUTHORIZED.value(), CurrentUser.REVOKED_TOKEN);
                return;
            }
            if (user.isPresent() && !user.get().mayWrite() && changesSomething(request)) {
                errors.write(request, response, HttpStatus.FORBIDDEN.value(), HubPaths.isHubRoute(request)
                        ? CurrentUser.READ_ONLY_ON_HUB : "this access token is read-only");
                return;
            }
            user.ifPresent(this::signIn);
        } else {
            token.flatMap(jwt::verified).flatMap(this::currentSession).ifPresent(session -> {
                signIn(session.caller());
                if (!signsOut(request)) {
                    response.setHeader(HttpHeaders.AUTHORIZATION,
                            jwt.issue(session.user().id(), session.user().username(), session.signedIn()));
                }
            });
        }
        chain.doFilter(request, response);
    }

    private record LiveSession(UserDirectory.SessionUser user, SignedInSession signedIn) {

        CurrentUser caller() {
            return new CurrentUser(user.id(), user.username(), null, signedIn);
        }
    }

    private Optional<LiveSession> currentSession(JwtService.Session session) {
        return users.findById(session.userId())
                .filter(user -> user.accepts(session.session()))
                .map(user -> new LiveSession(user, session.session()));
    }

    private void signIn(CurrentUser user) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.NO_AUTHORITIES));
        contexts.setContext(context);
    }

    private static boolean changesSomething(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return !SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                && !("POST".equalsIgnoreCase(request.getMethod()) && READS_SENT_AS_POST.contains(path))
                && !HubPaths.isReadSentAsPost(request)
                && !HubPaths.isLfsBatch(request); // a download batch reads; the batch refuses a read token's upload itself
    }

    private static boolean signsOut(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod())
                && SIGN_OUTS.contains(RequestPaths.inApp(request));
    }

    /**
     * The value of the first {@value WebPages#SESSION_COOKIE} cookie the request sends (a browser sends the one of
     * the longest path first) that is neither blank nor an access token: the session the pages sign in with, and
     * the one {@link SessionCsrfTokens} derives their CSRF token from.
     */
    static Optional<String> sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (WebPages.SESSION_COOKIE.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()
                    && !AccessTokens.looksLikeOne(c.getValue())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
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
