package io.modellibrary.account;

import io.modellibrary.common.PerKeyLimit;
import io.modellibrary.common.TooManyRequestsException;
import io.modellibrary.security.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a name and password, throttled ({@link LoginThrottle}): login, password change and
 * account deletion all go through here, so none of them is a way around the throttle.
 * The answer costs the same bcrypt work whether the name or the password was wrong.
 */
@Component
class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);

    private static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final MongoOperations mongo;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    /**
     * Checked against when the user does not exist, so that both failures cost the same; made once by
     * {@link #dummyHash()}, on a background thread when the application is ready ({@link #ready()}).
     */
    private volatile String dummyHash;
    /** Password checks in progress or waiting per client address: a flood from one takes at most its share. */
    private final PerKeyLimit checksPerAddress;

    Credentials(UserRepository users, MongoOperations mongo, PasswordEncoder encoder, LoginThrottle throttle,
                PasswordConfiguration.HashingProperties hashing) {
        this.checksPerAddress = new PerKeyLimit(hashing.perAddressOrDefault());
        this.users = users;
        this.mongo = mongo;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    /**
     * Makes the dummy hash on a background thread once the application is ready rather than while
     * the context starts: one bcrypt hash is about a tenth of a second of the start-up thread's CPU
     * before its code is compiled (docs/decisions.md, session 18). A check before it is done makes
     * it itself ({@link #dummyHash()}), or waits for this thread's.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        Thread thread = new Thread(() -> {
            try {
                dummyHash();
            } catch (RuntimeException e) {
                log.debug("The dummy password hash is made by the first check instead: {}", e.toString());
            }
        }, "dummy-password-hash");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The user when the password is theirs; empty otherwise (counted as a failure). 429
     * while this name or address must wait, before any check.
     */
    Optional<User> verify(String username, String password, String clientAddress) {
        throttle.check(username, clientAddress);
        // one address (a flood, maybe) gets its share of the checks, no more: the first burst of a
        // flood comes before any of its failures is known, so the share holds for every address
        if (!checksPerAddress.tryAcquire(clientAddress)) {
            throw new TooManyRequestsException("too many sign-ins from your address at once; try again in a second", 1);
        }
        try {
            Optional<User> user = users.findByUsernameKey(Names.key(username));
            if (!passwordMatches(user, password)) {
                throttle.failed(username, clientAddress);
                return Optional.empty();
            }
            throttle.succeeded(username, clientAddress);
            upgradeHash(user.get(), password);
            return user;
        } finally {
            checksPerAddress.release(clientAddress);
        }
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    private boolean passwordMatches(Optional<User> user, String password) {
        // bcrypt reads at most 72 bytes; a longer password can match nothing, but costs the same.
        boolean fits = password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES;
        boolean matches = encoder.matches(fits ? password : "", user.map(User::getPasswordHash).orElseGet(this::dummyHash));
        return matches && fits && user.isPresent();
    }

    /** The hash of a random password, made at the first call (at most once: later calls wait for it). */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            synchronized (this) {
                hash = dummyHash;
                if (hash == null) {
                    hash = encoder.encode(UUID.randomUUID().toString());
                    dummyHash = hash;
                }
            }
        }
        return hash;
    }

    /**
     * Stores the password's hash in the encoder's current scheme when the stored one is older: only
     * the {@code passwordHash} field, and only while it is still the hash just checked. Not a save of
     * the document read before the bcrypt check: that copy would put back what changed meanwhile (a
     * sign-out everywhere's {@code sessionsValidAfter} and ended sessions, an avatar, an invitation
     * mark), and a password changed meanwhile would get the old password's hash back.
     */
    private void upgradeHash(User user, String password) {
        String checked = user.getPasswordHash();
        if (encoder.upgradeEncoding(checked)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(user.getId()).and("passwordHash").is(checked)),
                    Update.update("passwordHash", encoder.encode(password)), User.class);
        }
    }
}
