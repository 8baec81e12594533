package io.modellibrary.account;

import io.modellibrary.catalog.LikeService;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.common.ApiException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.JwtService;
import io.modellibrary.security.SignedInSession;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Password change, sign-out everywhere and account deletion (docs/http-contract.md#tokens). Each needs a
 * session (an access token cannot take over or delete its account), and the first and
 * last the current password, checked through the login throttle.
 *
 * <p>Sessions end by moving the user's {@code sessionsValidAfter} to now: the JWT filter
 * refuses every session signed in at or before it (millisecond sign-in claim, see
 * {@link JwtService}); access tokens stay. Signing out ends one session: {@link #signOut}. A deletion goes step by step without
 * transactions, each step safe to repeat: the user's name is closed first
 * ({@link Namespaces#close}: a repository written into the namespace from then on is taken back by
 * its writer), with those of the organisations they are the last admin of; sessions and tokens end,
 * then memberships and likes go, then the own namespace's repositories go through the repository
 * delete (their files follow its event), then, with the mark re-armed, any written meanwhile, then
 * the user (a {@link DeletedAccount} record first) and the name. A request of the user signed in
 * before and still running after the user went, which wrote into the namespace once it was freed
 * (or claimed anew), finds the record and is refused as signed out ({@code catalog/RepoPermissions}).
 */
@Service
public class AccountManagement {

    private static final Logger log = LoggerFactory.getLogger(AccountManagement.class);
    /** The most signed-out sessions a user's document lists (about 60 bytes each, read with every session request). */
    static final int MAX_ENDED_SESSIONS = 100;
    /** How often a sign-out folds the earliest listed session into the cut-off to make room before it folds in its own. */
    private static final int ROOM_ATTEMPTS = 3;
    private static final String ENDED = "endedSessions";
    static final String WRONG_PASSWORD = "the password is wrong";

    private final MongoTemplate mongo;
    private final Credentials credentials;
    private final JwtService jwt;
    private final AccessTokenService tokens;
    private final RepoService repos;
    private final LikeService likes;
    private final OrgLink orgs;
    private final Namespaces namespaces;
    private final AvatarStore avatars;
    private final Clock clock;

    /** Runs after a deletion's first sweep of the own namespace's repositories: a seam for tests of races. */
    volatile Runnable afterSweep = () -> { };

    AccountManagement(MongoTemplate mongo, Credentials credentials, JwtService jwt, AccessTokenService tokens,
                      RepoService repos, LikeService likes, OrgLink orgs, Namespaces namespaces, AvatarStore avatars,
                      Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.credentials = credentials;
        this.jwt = jwt;
        this.tokens = tokens;
        this.repos = repos;
        this.likes = likes;
        this.orgs = orgs;
        this.namespaces = namespaces;
        this.avatars = avatars;
    }

    /**
     * Sets a new password and ends every other session; the answer is a token for a new
     * session, signed in a millisecond after the cut-off so that it is accepted.
     *
     * @throws ApiException 403 {@value #WRONG_PASSWORD} for a wrong current password, or for an access token
     */
    public String changePassword(CurrentUser caller, String currentPassword, String newPassword, String clientAddress) {
        User user = verified(caller, currentPassword, clientAddress);
        Instant cutOff = clock.instant();
        mongo.updateFirst(byId(user.getId()),
                new Update().set("passwordHash", credentials.hash(newPassword)).set("sessionsValidAfter", cutOff), User.class);
        return jwt.issue(user.getId(), user.getUsername(), cutOff.plusMillis(1));
    }

    /**
     * Ends every session of the caller, this one included: every JWT (API header or the pages'
     * cookie) signed in until now is refused from now on. Access tokens stay.
     *
     * @throws ApiException 403 for an access token
     */
    public void logoutEverywhere(CurrentUser caller) {
        requireSession(caller);
        endSessions(caller.id());
    }

    /**
     * Ends the caller's session ({@link SignedInSession}) on every node, with every token renewed from it,
     * and no other: its id is added to the user's {@code endedSessions}, which the JWT filter reads with
     * the user. Entries of sessions past {@code max-session-age} are dropped first (no token of theirs is
     * valid anyway). With {@value #MAX_ENDED_SESSIONS} entries left, the earliest-signed-in listed session
     * (or this one, if earlier) moves {@code sessionsValidAfter} to its sign-in ({@code $max}, never back)
     * and every entry it covers goes: the sessions of the user signed in up to it end too. Each step is
     * one single-document update, correct whatever runs between them on any node.
     *
     * @throws ApiException 403 for an access token (it has no session; revoke it instead)
     */
    public void signOut(CurrentUser caller) {
        requireSession(caller);
        SignedInSession session = caller.session();
        if (session == null) {
            return;
        }
        mongo.updateFirst(byId(caller.id()), new Update().pull(ENDED, signedInUntil(jwt.overIfSignedInBy())), User.class);
        Document entry = new Document("sid", session.id()).append("signedInAt", Date.from(session.signedInAt()));
        for (int attempt = 0; attempt < ROOM_ATTEMPTS; attempt++) {
            Query roomLeft = byId(caller.id()).addCriteria(Criteria.where(ENDED + "." + (MAX_ENDED_SESSIONS - 1)).exists(false));
            if (mongo.updateFirst(roomLeft, new Update().addToSet(ENDED, entry), User.class).getMatchedCount() > 0) {
                return;
            }
            User user = mongo.findOne(byId(caller.id()), User.class);
            if (user == null) {
                return;
            }
            Instant earliest = user.getEndedSessions().stream().map(User.EndedSession::signedInAt)
                    .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(session.signedInAt());
            if (!earliest.isBefore(session.signedInAt())) {
                break;
            }
            endSessionsUntil(caller.id(), earliest);
        }
        endSessionsUntil(caller.id(), session.signedInAt());
    }

    /** Every session signed in at or before {@code cutOff} ends; the listed ones it covers leave the list. */
    private void endSessionsUntil(String userId, Instant cutOff) {
        mongo.updateFirst(byId(userId), new Update().max("sessionsValidAfter", cutOff).pull(ENDED, signedInUntil(cutOff)), User.class);
    }

    /** The {@code $pull} condition matching the listed sessions signed in at or before {@code instant}. */
    private static Document signedInUntil(Instant instant) {
        return new Document("signedInAt", new Document("$lte", Date.from(instant)));
    }

    /**
     * Deletes the caller's account as described above. The own namespace's repositories are deleted,
     * then the name's mark is re-armed ({@link Namespaces#affirm}) and any repository written before
     * that is deleted too: one written after it is taken back by its writer, which sees the mark.
     *
     * @return how many repositories of the own namespace were deleted
     * @throws ApiException 403 {@value #WRONG_PASSWORD}; 409 while they are the last admin of an
     *         organisation with repositories, or while another deletion of this account is under way
     */
    public int delete(CurrentUser caller, String password, String clientAddress) {
        User user = verified(caller, password, clientAddress);
        Namespaces.Closing own = closeOwn(user);
        List<Namespaces.Closing> lastAdminOf;
        try {
            lastAdminOf = orgs.requireCanLeaveAll(caller);
        } catch (RuntimeException refused) {
            if (own != null) {
                namespaces.reopen(own);
            }
            throw refused;
        }
        endSessions(user.getId());
        tokens.deleteAllOf(user.getId());
        orgs.leaveAll(caller, lastAdminOf);
        likes.forgetUser(user.getId());
        int deleted = repos.deleteOwnNamespace(caller);
        afterSweep.run();
        if (own != null && !namespaces.affirm(own)) {
            namespaces.close(user.getUsername(), Namespaces.Kind.USER);
        }
        deleted += repos.deleteOwnNamespace(caller);
        mongo.save(new DeletedAccount(user.getId(), clock.instant()));
        mongo.remove(byId(user.getId()), User.class);
        namespaces.release(user.getUsername(), Namespaces.Kind.USER);
        avatars.delete(user.getAvatar());
        log.info("Deleted the account {} with {} repositories", user.getUsername(), deleted);
        return deleted;
    }

    /**
     * Closes the user's own name; null when no user's claim holds it (nothing to protect: its release
     * frees nothing either).
     *
     * @throws ApiException 409 while another deletion of this account holds the mark
     */
    private Namespaces.Closing closeOwn(User user) {
        return namespaces.close(user.getUsername(), Namespaces.Kind.USER).orElseGet(() -> {
            if (namespaces.holder(user.getUsername()).orElse(null) == Namespaces.Kind.USER) {
                throw new ApiException(HttpStatus.CONFLICT, "this account is being deleted already");
            }
            return null;
        });
    }

    private User verified(CurrentUser caller, String password, String clientAddress) {
        requireSession(caller);
        User user = credentials.verify(caller.username(), password, clientAddress)
                .filter(u -> u.getId().equals(caller.id()))
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, WRONG_PASSWORD));
        return user;
    }

    private void endSessions(String userId) {
        mongo.updateFirst(byId(userId), Update.update("sessionsValidAfter", clock.instant()), User.class);
    }

    private static void requireSession(CurrentUser caller) {
        if (caller.viaAccessToken()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account changes need a signed-in session, not an access token");
        }
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
