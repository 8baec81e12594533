package io.modellibrary.account;

import io.modellibrary.catalog.AvatarSource;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.UserDirectory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells the JWT filter who a credential's user is now: one primary-key read per session
 * request, two per access-token request (the token by its hash, then its user),
 * uncached, so that a deleted user, a revoked token, a password change or a sign-out applies at once
 * (on every node).
 * Other features look users up by name here.
 */
@Component
public class AccountDirectory implements UserDirectory, AvatarSource {

    private static final String INVITED_BY = "invitedBy";

    private final UserRepository users;
    private final AccessTokenService tokens;
    private final MongoTemplate mongo;

    AccountDirectory(UserRepository users, AccessTokenService tokens, MongoTemplate mongo) {
        this.users = users;
        this.tokens = tokens;
        this.mongo = mongo;
    }

    @Override
    public Optional<SessionUser> findById(String userId) {
        return users.findById(userId).map(u -> new SessionUser(u.getId(), u.getUsername(), u.getSessionsValidAfter(),
                u.getEndedSessions().stream().map(User.EndedSession::sid).filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet()),
                u.getAvatar() == null || u.getAvatar().equals(DEFAULT_AVATAR) ? null : u.getAvatar(), u.getInvitedBy().size()));
    }

    /**
     * Notes on the user's document that organisation {@code orgKey} invites them (the pages' header counts these
     * marks, W19); one update by {@code _id}, {@code $addToSet}, so noting it twice is noting it once. Made before
     * the invitation is stored: a failure between the two leaves a mark too many, which {@link #settleInvitations}
     * takes away, never an invitation the header does not count.
     */
    public void markInvitation(String userId, String orgKey) {
        mongo.updateFirst(byId(userId), new Update().addToSet(INVITED_BY, orgKey), User.class);
    }

    /** Takes the mark of {@link #markInvitation} away, after the invitation was accepted or declined ({@code $pull}). */
    public void unmarkInvitation(String userId, String orgKey) {
        mongo.updateFirst(byId(userId), new Update().pull(INVITED_BY, orgKey), User.class);
    }

    /** Takes the marks of a deleted organisation's invitations away from the users it invited (one update by {@code _id}s). */
    public void unmarkInvitations(String orgKey, java.util.Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(userIds)), new Update().pull(INVITED_BY, orgKey), User.class);
        }
    }

    /**
     * Makes the user's marks those of the invitations that wait for them ({@code pending}, as just read from the
     * invitations themselves), when they differ: what a failure between an invitation's change and its mark's left.
     * Takes away only marks read before {@code pending} was read ({@code marked}): an invitation accepted or made
     * meanwhile is settled the next time. One made exactly between the two reads (its mark read, the invitation not
     * stored yet) loses its mark until then: a count one short, on the page that lists the invitations anyway.
     *
     * @param marked  the user's marks, read before {@code pending}
     * @param pending the keys of the organisations whose invitation waits for the user
     */
    public void settleInvitations(String userId, java.util.Collection<String> marked, java.util.Collection<String> pending) {
        List<String> stale = marked.stream().filter(k -> !pending.contains(k)).toList();
        List<String> missing = pending.stream().filter(k -> !marked.contains(k)).toList();
        if (!stale.isEmpty()) {
            mongo.updateFirst(byId(userId), new Update().pullAll(INVITED_BY, stale.toArray()), User.class);
        }
        if (!missing.isEmpty()) {
            mongo.updateFirst(byId(userId), new Update().addToSet(INVITED_BY).each(missing.toArray()), User.class);
        }
    }

    /** The user's invitation marks ({@link #markInvitation}); empty for none or no such user. One {@code _id} read. */
    public List<String> invitationMarks(String userId) {
        return users.findById(userId).map(User::getInvitedBy).orElse(List.of());
    }

    private static Query byId(String userId) {
        return Query.query(Criteria.where("_id").is(userId));
    }

    @Override
    public Optional<CurrentUser> findByAccessToken(String token) {
        return tokens.find(token).flatMap(t -> users.findById(t.userId())
                .map(u -> new CurrentUser(u.getId(), u.getUsername(), AccessTokenService.grant(t))));
    }

    /** {@inheritDoc} Reads {@link DeletedAccount}, then, only when one exists, the user. */
    @Override
    public boolean deleted(String userId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(userId)), DeletedAccount.class) && !users.existsById(userId);
    }

    /** The user of this name (ignoring case), as a caller acting with a session; empty when none. */
    public Optional<CurrentUser> findByUsername(String username) {
        return users.findByUsernameKey(Names.key(username)).map(User::toCurrentUser);
    }

    /** What anyone may know of a user: name and avatar (a path on this server). */
    public record PublicUser(String id, String username, String avatar) {
    }

    /** The users of these ids that exist (one query by {@code _id}), by id. */
    public java.util.Map<String, PublicUser> publicUsers(java.util.Collection<String> ids) {
        java.util.Map<String, PublicUser> found = new java.util.HashMap<>();
        users.findAllById(ids).forEach(u -> found.put(u.getId(), new PublicUser(u.getId(), u.getUsername(),
                u.getAvatar() == null ? DEFAULT_AVATAR : u.getAvatar())));
        return found;
    }

    /**
     * The users who named a team at registration, earliest registered first: what the
     * start-up conversion of teams into organisations reads.
     */
    public java.util.List<TeamMember> usersWithTeams() {
        return users.findByTeamKeyNotNullOrderByCreatedAtAsc().stream()
                .map(u -> new TeamMember(u.getId(), u.getUsername(), u.getTeam(), u.getCreatedAt()))
                .toList();
    }

    /**
     * Every user whose {@code team} names this organisation (ignoring case, by the indexed {@code teamKey})
     * has no team any more, as someone who named none ({@code "team":""} in their profile): for a deleted
     * organisation. One update of many documents, each changed atomically.
     */
    public void forgetTeam(String orgName) {
        mongo.updateMulti(Query.query(Criteria.where("teamKey").is(Names.key(orgName))),
                new Update().unset("team").unset("teamKey"), User.class);
    }

    /** A user and the team they named at registration. */
    public record TeamMember(String userId, String username, String team, java.time.Instant registeredAt) {
    }

    /** A new repository shows its creator's avatar. */
    @Override
    public String avatarOf(CurrentUser user) {
        return users.findById(user.id()).map(User::getAvatar).orElse(DEFAULT_AVATAR);
    }
}
