package io.modellibrary.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up the user a verified credential names, so that a token of a since-deleted user
 * stops working at once. Implemented by the account feature; both lookups are one
 * {@code _id} read.
 */
public interface UserDirectory {

    /** The user as sessions need them; empty when deleted. */
    Optional<SessionUser> findById(String userId);

    /**
     * The caller an access token stands for, with the token's grant; empty for an unknown
     * or revoked token or a deleted user.
     *
     * @param token the token as sent, {@link AccessTokens#PREFIX} included
     */
    Optional<CurrentUser> findByAccessToken(String token);

    /**
     * True when the account of this id was deleted: its deletion recorded it (just before it removed the
     * user) and no user of this id exists. A request signed in before the deletion and still running after
     * it holds such a caller; a write into their own namespace asks this ({@code catalog/RepoPermissions}).
     * One {@code _id} read (two for a deleted account); false for an id that never had an account.
     */
    boolean deleted(String userId);

    /**
     * A user as the session check needs it, with what the web pages' header shows of them, read in the same
     * {@code _id} read so that the header costs no read of its own (docs/decisions.md W19, W20).
     *
     * @param sessionsValidAfter sessions signed in at or before this instant are refused
     *                           (password change, sign-out everywhere); null when never set
     * @param endedSessions      the ids ({@link SignedInSession#id()}) of sessions signed out, refused
     *                           whenever they signed in; empty when none
     * @param avatar             the URL path of the avatar they uploaded; null when they have none (the default image)
     * @param invitations        how many organisations' invitations wait for them (0 or more)
     */
    record SessionUser(String id, String username, Instant sessionsValidAfter, Set<String> endedSessions, String avatar,
                       int invitations) {

        /** The request attribute under which the web pages' filter leaves the signed-in user's {@code SessionUser}. */
        public static final String ATTRIBUTE = SessionUser.class.getName();

        /** True when a token of this session may sign its user in. */
        boolean accepts(SignedInSession session) {
            return (sessionsValidAfter == null || session.signedInAt().isAfter(sessionsValidAfter))
                    && !endedSessions.contains(session.id());
        }
    }
}
