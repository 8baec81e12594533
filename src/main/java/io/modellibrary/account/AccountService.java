package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.JwtService;
import io.modellibrary.security.LoginThrottle;
import io.modellibrary.catalog.LikeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration, login and profiles. Login answers the same, after the same bcrypt work,
 * whether the name or the password was wrong; registrations of one name race on the
 * unique index, and a registration that fails leaves neither a user nor an image behind.
 */
@Service
public class AccountService {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AvatarStore avatars;
    private final JwtService jwt;
    private final LoginThrottle throttle;
    private final LikeService likes;
    /** Checked against when the user does not exist, so that both failures cost the same. */
    private final String dummyHash;

    AccountService(UserRepository users, PasswordEncoder encoder, AvatarStore avatars, JwtService jwt,
                   LoginThrottle throttle, LikeService likes) {
        this.users = users;
        this.encoder = encoder;
        this.avatars = avatars;
        this.jwt = jwt;
        this.throttle = throttle;
        this.likes = likes;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    /** Passes when the name may be registered; {@link Refusal} when taken, 400 when reserved. */
    void requireAvailable(String username) {
        Names.requireNotReserved("username", username);
        String key = Names.key(username);
        // A team is a namespace too: a user named like it would own the team's repositories.
        if (users.existsByUsernameKey(key) || users.existsByTeamKey(key)) {
            throw new Refusal(Refusal.USERNAME_TAKEN);
        }
    }

    /** Creates the user and answers their first token. */
    String register(RegistrationForm form) {
        requireAvailable(form.username());
        String team = form.teamOrNull();
        requireValidTeam(team, form.username());
        String hash = encoder.encode(form.password());
        String avatar = avatars.store(form.avatar());
        try {
            User user = users.insert(new User(form.username(), hash, team, avatar, Instant.now()));
            return jwt.issue(user.getId(), user.getUsername());
        } catch (DuplicateKeyException e) {
            avatars.delete(avatar);
            throw new Refusal(Refusal.USERNAME_TAKEN);
        } catch (RuntimeException e) {
            avatars.delete(avatar);
            throw e;
        }
    }

    /** A token for the right name and password; {@link Refusal} otherwise, 429 after too many failures. */
    String login(String username, String password, String clientAddress) {
        throttle.begin(username, clientAddress);
        Optional<User> user = users.findByUsernameKey(Names.key(username));
        if (!passwordMatches(user, password)) {
            throw new Refusal(Refusal.WRONG_CREDENTIALS);
        }
        throttle.succeeded(username, clientAddress);
        User found = user.get();
        upgradeHash(found, password);
        return jwt.issue(found.getId(), found.getUsername());
    }

    /** The signed-in caller's profile; {@code no login} when anonymous or deleted meanwhile. */
    public Profile profile(CurrentUser caller) {
        return Optional.ofNullable(caller)
                .flatMap(c -> users.findById(c.id()))
                .map(user -> Profile.of(user, likes.likedBy(caller)))
                .orElseThrow(() -> new Refusal(Envelope.NO_LOGIN));
    }

    private void requireValidTeam(String team, String username) {
        if (team == null) {
            return;
        }
        Names.requireNotReserved("team", team);
        String key = Names.key(team);
        if (!key.equals(Names.key(username)) && users.existsByUsernameKey(key)) {
            throw new BadRequestException("team '" + team + "' is the name of a user");
        }
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
