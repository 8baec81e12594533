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
import java.util.Date;
import java.util.Optional;

/**
 * Issues and verifies the API's tokens: HS256 with our key, subject = user id, a
 * {@code username} claim, {@code iss}, {@code iat} and {@code exp}. Anything else
 * (another algorithm, {@code alg=none}, a foreign key, no or a past {@code exp}) does
 * not verify.
 */
@Service
public class JwtService {

    static final String ISSUER = "model-library";
    static final String USERNAME_CLAIM = "username";
    private static final String ALGORITHM = "HS256";

    private final SigningKey key;
    private final Duration ttl;
    private final JwtParser parser;
    private final Clock clock = Clock.systemUTC();

    JwtService(SigningKey key, JwtProperties properties) {
        this.key = key;
        this.ttl = properties.ttl();
        this.parser = Jwts.parser().verifyWith(key.key()).requireIssuer(ISSUER).build();
    }

    /** A fresh token for this user, valid for the configured lifetime. */
    public String issue(String userId, String username) {
        Instant now = clock.instant();
        return Jwts.builder()
                .subject(userId)
                .claim(USERNAME_CLAIM, username)
                .issuer(ISSUER)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key.key(), Jwts.SIG.HS256)
                .compact();
    }

    /** The user id of a token we signed and that has not expired; empty for anything else. */
    Optional<String> verifiedSubject(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            Claims claims = jws.getPayload();
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm()) || claims.getExpiration() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(claims.getSubject());
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
