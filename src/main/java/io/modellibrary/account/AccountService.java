package io.modellibrary.account;

import io.modellibrary.catalog.LikeService;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.JwtService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Optional;

/**
 * Registration, login and profiles. Login answers the same whether the name or the
 * password was wrong ({@link Credentials}). A registration claims its name first
 * ({@link Namespaces}), so racing registrations and organisations of one name cannot
 * both win; one that fails at any step leaves neither a user, a name claim, an image nor
 * an organisation behind.
 */
@Service
public class AccountService {

    private final UserRepository users;
    private final Credentials credentials;
    private final AvatarStore avatars;
    private final JwtService jwt;
    private final LikeService likes;
    private final Namespaces namespaces;
    private final OrgLink orgs;

    private final io.modellibrary.catalog.BareRepoNames bareRepos;

    AccountService(UserRepository users, Credentials credentials, AvatarStore avatars, JwtService jwt,
                   LikeService likes, Namespaces namespaces, OrgLink orgs, io.modellibrary.catalog.BareRepoNames bareRepos) {
        this.bareRepos = bareRepos;
        this.users = users;
        this.credentials = credentials;
        this.avatars = avatars;
        this.jwt = jwt;
        this.likes = likes;
        this.namespaces = namespaces;
        this.orgs = orgs;
    }

    /** Passes when the name may be registered; {@link Refusal} when taken by a user or an organisation, 400 when reserved. */
    void requireAvailable(String username) {
        Names.requireNotReserved("username", username);
        if (namespaces.holder(username).isPresent() || users.existsByUsernameKey(Names.key(username))
                || bareRepos.taken(username)) {
            throw new Refusal(Refusal.USERNAME_TAKEN);
        }
    }

    /**
     * Creates the user and answers their first token. A {@code team} naming no
     * organisation creates it with the user as admin; naming one files a join request.
     */
    public String register(RegistrationForm form) {
        requireAvailable(form.username());
        String team = form.teamOrNull();
        if (team != null) {
            Names.requireNotReserved("team", team);
            if (namespaces.holder(team).isEmpty() && bareRepos.taken(team)) {
                throw new io.modellibrary.common.BadRequestException("team '" + team + "' is the name of a repository without namespace");
            }
            orgs.requireJoinable(team, form.username());
        }
        String hash = credentials.hash(form.password());
        String avatar = avatars.store(form.avatar());
        if (!namespaces.claim(form.username(), Namespaces.Kind.USER)) {
            avatars.delete(avatar);
            throw new Refusal(Refusal.USERNAME_TAKEN);
        }
        User user = null;
        try {
            user = insert(new User(form.username(), hash, team, avatar, Instant.now()));
            if (team != null && !Names.key(team).equals(Names.key(form.username()))) {
                orgs.joinOnRegistration(user.toCurrentUser(), team);
            }
            return jwt.issue(user.getId(), user.getUsername());
        } catch (RuntimeException e) {
            undoRegistration(user, form.username(), avatar);
            throw e;
        }
    }

    /** A token for the right name and password; {@link Refusal} otherwise, 429 while throttled. */
    public String login(String username, String password, String clientAddress) {
        User user = credentials.verify(username, password, clientAddress)
                .orElseThrow(() -> new Refusal(Refusal.WRONG_CREDENTIALS));
        return jwt.issue(user.getId(), user.getUsername());
    }

    /** The signed-in caller's profile; {@code no login} when anonymous or deleted meanwhile. */
    public Profile profile(CurrentUser caller) {
        return Optional.ofNullable(caller)
                .flatMap(c -> users.findById(c.id()))
                .map(user -> Profile.of(user, teamStatus(user), likes.likedBy(caller)))
                .orElseThrow(() -> new Refusal(Envelope.NO_LOGIN));
    }

    private String teamStatus(User user) {
        return user.getTeam() == null ? "" : orgs.teamStatus(user.getId(), user.getTeam());
    }

    private User insert(User user) {
        try {
            return users.insert(user);
        } catch (DuplicateKeyException e) {
            throw new Refusal(Refusal.USERNAME_TAKEN);
        }
    }

    private void undoRegistration(User user, String username, String avatar) {
        if (user != null) {
            users.deleteById(user.getId());
        }
        namespaces.release(username, Namespaces.Kind.USER);
        avatars.delete(avatar);
    }
}
