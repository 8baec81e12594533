package io.modellibrary.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * Issues and verifies the session tokens: HS256 with our key, subject = user id, a
 * {@code username} claim, {@code iss}, {@code iat}, {@code exp} and {@value #SIGNED_IN_CLAIM},
 * the sign-in time in epoch milliseconds. Renewals copy the sign-in time, so a session
 * ends {@code modellibrary.jwt.max-session-age} after its sign-in however often it is
 * renewed, and "sign out everywhere" can refuse every session signed in before a given
 * millisecond ({@code iat} has only second granularity). {@value #SESSION_ID_CLAIM} is the
 * session's id, 128 random bits in base64url, given at sign-in and copied by every renewal, so
 * that signing out can end that one session ({@link SignedInSession}). Anything else (another
 * algorithm, {@code alg=none}, a foreign key, no or a past {@code exp}) does not verify.
 */
@Service
public class JwtService {

    static final String ISSUER = "model-library";
    static final String USERNAME_CLAIM = "username";
    static final String SIGNED_IN_CLAIM = "sia";
    static final String SESSION_ID_CLAIM = "sid";
    /** Prefix of the id of a session signed in before {@value #SESSION_ID_CLAIM} existed: never that of a random id (base64url has no {@code @}). */
    static final String LEGACY_SESSION_PREFIX = "@";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "HS256";

    private final SigningKey key;
    private final Duration ttl;
    private final Duration maxSessionAge;
    private final JwtParser parser;
    private final Clock clock;

    JwtService(SigningKey key, JwtProperties properties, Clock clock) {
        properties.requirePositiveDurations();
        this.key = key;
        this.ttl = properties.ttl();
        this.maxSessionAge = properties.maxSessionAge();
        this.clock = clock;
        this.parser = Jwts.parser().verifyWith(key.key()).requireIssuer(ISSUER).clock(() -> Date.from(clock.instant())).build();
    }

    /** A verified session token: whose it is, and its session. */
    record Session(String userId, SignedInSession session) {
    }

    /** A token for a new session signed in now. */
    public String issue(String userId, String username) {
        return issue(userId, username, clock.instant());
    }

    /**
     * A token for a new session (a fresh random id) signed in at {@code signedInAt}: valid for the
     * configured {@code ttl}, never past {@code signedInAt + max-session-age}.
     */
    public String issue(String userId, String username, Instant signedInAt) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return issue(userId, username, new SignedInSession(Base64.getUrlEncoder().withoutPadding().encodeToString(id), signedInAt));
    }

    /**
     * Sessions signed in at or before this instant ({@code max-session-age} ago) are over: none of
     * their tokens verifies any more.
     */
    public Instant overIfSignedInBy() {
        return clock.instant().minus(maxSessionAge);
    }

    /** A renewal: a token of the same session (same id and sign-in time), valid as {@link #issue(String, String, Instant)} says. */
    String issue(String userId, String username, SignedInSession session) {
        Instant signedInAt = session.signedInAt();
        Instant now = clock.instant();
        Instant end = signedInAt.plus(maxSessionAge);
        Instant expiry = now.plus(ttl).isBefore(end) ? now.plus(ttl) : end;
        return Jwts.builder()
                .subject(userId)
                .claim(USERNAME_CLAIM, username)
                .claim(SIGNED_IN_CLAIM, signedInAt.toEpochMilli())
                .claim(SESSION_ID_CLAIM, session.id())
                .issuer(ISSUER)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiry))
                .signWith(key.key(), Jwts.SIG.HS256)
                .compact();
    }

    /**
     * The session of a token we signed that has neither expired nor outlived the absolute
     * session lifetime; empty for anything else. A token without the sign-in claim (issued
     * before it existed) counts as signed in at its {@code iat}; one without a session id (issued
     * before it existed) belongs to the session {@value #LEGACY_SESSION_PREFIX}{@code <sign-in epoch ms>},
     * an id its renewals then carry.
     */
    Optional<Session> verified(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            Claims claims = jws.getPayload();
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm()) || claims.getExpiration() == null
                    || claims.getSubject() == null) {
                return Optional.empty();
            }
            Instant signedIn = signedInAt(claims);
            if (signedIn == null || !clock.instant().isBefore(signedIn.plus(maxSessionAge))) {
                return Optional.empty();
            }
            String id = claims.get(SESSION_ID_CLAIM, String.class);
            if (id == null) {
                id = LEGACY_SESSION_PREFIX + signedIn.toEpochMilli();
            } else if (id.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Session(claims.getSubject(), new SignedInSession(id, signedIn)));
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Instant signedInAt(Claims claims) {
        Object millis = claims.get(SIGNED_IN_CLAIM);
        if (millis instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        return claims.getIssuedAt() == null ? null : claims.getIssuedAt().toInstant();
    }
}
