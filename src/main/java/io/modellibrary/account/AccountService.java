package io.modellibrary.account;

import io.modellibrary.catalog.LikeService;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.JwtService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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
    private final MongoTemplate mongo;

    AccountService(UserRepository users, Credentials credentials, AvatarStore avatars, JwtService jwt,
                   LikeService likes, Namespaces namespaces, OrgLink orgs, io.modellibrary.catalog.BareRepoNames bareRepos,
                   MongoTemplate mongo) {
        this.mongo = mongo;
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
            throw new UsernameTakenException();
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
            throw new UsernameTakenException();
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

    /** What anyone may see of a user on their profile page: the name as registered, the avatar's URL path, when they joined. */
    public record PublicProfile(String username, String avatar, Instant createdAt) {
    }

    /** The user of this name (ignoring case), for their profile page; empty when no user has it. */
    public Optional<PublicProfile> publicProfile(String username) {
        return users.findByUsernameKey(Names.key(username))
                .map(u -> new PublicProfile(u.getUsername(), u.getAvatar(), u.getCreatedAt()));
    }

    /**
     * Replaces the caller's avatar (checked by content as at registration: PNG, JPEG, GIF or WebP up to
     * {@code modellibrary.avatars.max-size}) and answers its URL path; the old image is deleted. Repositories
     * created earlier keep the avatar they were created with, as the catalogue stores it.
     *
     * @throws BadRequestException for no file or a file that is not such an image; {@code no login} when anonymous
     */
    public String changeAvatar(CurrentUser caller, org.springframework.web.multipart.MultipartFile upload) {
        User user = Optional.ofNullable(caller).flatMap(c -> users.findById(c.id()))
                .orElseThrow(() -> new Refusal(Envelope.NO_LOGIN));
        if (upload == null || upload.isEmpty()) {
            throw new io.modellibrary.common.BadRequestException("choose an image for the avatar");
        }
        String stored = avatars.store(upload);
        // Only this field: a whole-document save could undo a password change or sign-out made meanwhile.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(user.getId())), Update.update("avatar", stored), User.class);
        avatars.delete(user.getAvatar());
        return stored;
    }

    private String teamStatus(User user) {
        return user.getTeam() == null ? "" : orgs.teamStatus(user.getId(), user.getTeam());
    }

    private User insert(User user) {
        try {
            return users.insert(user);
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException();
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
