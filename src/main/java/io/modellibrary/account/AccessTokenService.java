package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.Times;
import io.modellibrary.security.AccessTokens;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import io.modellibrary.security.TokenGrant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Access tokens for scripts and the Hugging Face clients (docs/http-contract.md#tokens): shown once when
 * created, stored as a hash ({@link AccessTokens}), listed with name, role, created and
 * last used, revoked at once by deleting the document. At most {@value #MAX_PER_USER} per
 * user. {@code lastUsedAt} is written at most once a minute per token, so that a busy
 * script does not turn every read into a write.
 */
@Service
public class AccessTokenService {

    static final int MAX_PER_USER = 100;
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Clock clock;

    AccessTokenService(MongoTemplate mongo, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
    }

    /** What {@code POST /api/tokens} answers: the token itself, this once. */
    public record Created(String id, String name, String role, String createdAt, String token) {
    }

    /** One token in {@code GET /api/tokens}; {@code lastUsedAt} is null until first used. */
    public record Listed(String id, String name, String role, String createdAt, String lastUsedAt) {
    }

    /**
     * A new token's role as a request names it: {@code read} or {@code write} (any case, white space around
     * it ignored). {@code admin} is a role, but never a token's, so the refusal names the two a token takes.
     *
     * @throws BadRequestException {@code role must be read or write} for anything else, null included
     */
    public static Role role(String value) {
        String role = value == null ? "" : value.strip();
        if (role.equalsIgnoreCase(Role.READ.id())) {
            return Role.READ;
        }
        if (role.equalsIgnoreCase(Role.WRITE.id())) {
            return Role.WRITE;
        }
        throw new BadRequestException("role must be read or write");
    }

    /**
     * Creates a token for {@code user} with a {@code read} or {@code write} role.
     *
     * @throws BadRequestException for {@code admin}, or when the user has {@value #MAX_PER_USER} already
     */
    public Created create(CurrentUser user, String name, Role role) {
        if (role == Role.ADMIN) {
            throw new BadRequestException("role must be read or write");
        }
        if (mongo.count(byUser(user.id()), AccessToken.class) >= MAX_PER_USER) {
            throw new BadRequestException("at most " + MAX_PER_USER + " access tokens per user; revoke one first");
        }
        String token = AccessTokens.generate();
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        AccessToken stored = mongo.insert(new AccessToken(AccessTokens.hash(token), HexFormat.of().formatHex(id),
                user.id(), name.strip(), role.id(), clock.instant(), null));
        return new Created(stored.publicId(), stored.name(), stored.role(), Times.format(stored.createdAt()), token);
    }

    /** The user's tokens, oldest first (never the tokens themselves). */
    public List<Listed> list(CurrentUser user) {
        return mongo.find(byUser(user.id()).with(Sort.by("createdAt")), AccessToken.class).stream()
                .map(t -> new Listed(t.publicId(), t.name(), t.role(), Times.format(t.createdAt()),
                        t.lastUsedAt() == null ? null : Times.format(t.lastUsedAt())))
                .toList();
    }

    /** Revokes one of the caller's tokens; 404 when they have none with this id. */
    public void revoke(CurrentUser user, String publicId) {
        Query query = Query.query(Criteria.where("userId").is(user.id()).and("publicId").is(publicId));
        if (mongo.remove(query, AccessToken.class).getDeletedCount() == 0) {
            throw new NoSuchItemException("no such token");
        }
    }

    /** The stored token and its grant, by the token as sent (one {@code _id} read). */
    Optional<AccessToken> find(String token) {
        AccessToken found = mongo.findById(AccessTokens.hash(token), AccessToken.class);
        if (found != null) {
            Instant now = clock.instant();
            if (found.lastUsedAt() == null || found.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(found.hash())), Update.update("lastUsedAt", now), AccessToken.class);
            }
        }
        return Optional.ofNullable(found);
    }

    static TokenGrant grant(AccessToken token) {
        return new TokenGrant(token.publicId(), token.name(), Role.parse("role", token.role()), token.createdAt());
    }

    /** Every token of a user goes (account deletion). */
    void deleteAllOf(String userId) {
        mongo.remove(byUser(userId), AccessToken.class);
    }

    private static Query byUser(String userId) {
        return Query.query(Criteria.where("userId").is(userId));
    }
}
