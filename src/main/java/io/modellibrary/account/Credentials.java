package io.modellibrary.account;

import io.modellibrary.common.PerKeyLimit;
import io.modellibrary.common.TooManyRequestsException;
import io.modellibrary.security.LoginThrottle;
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

    private static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    /** Checked against when the user does not exist, so that both failures cost the same. */
    private final String dummyHash;
    /** Password checks in progress or waiting per client address: a flood from one takes at most its share. */
    private final PerKeyLimit checksPerAddress;

    Credentials(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle, PasswordConfiguration.HashingProperties hashing) {
        this.checksPerAddress = new PerKeyLimit(hashing.perAddressOrDefault());
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
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
        boolean matches = encoder.matches(fits ? password : "", user.map(User::getPasswordHash).orElse(dummyHash));
        return matches && fits && user.isPresent();
    }

    private void upgradeHash(User user, String password) {
        if (encoder.upgradeEncoding(user.getPasswordHash())) {
            user.changePasswordHash(encoder.encode(password));
            users.save(user);
        }
    }
}
