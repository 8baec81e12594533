package io.modellibrary.account;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;

import java.util.List;

/**
 * What accounts need from organisations, implemented by the organisation feature (so
 * that the account feature does not depend on it): the seed's {@code team} field at
 * registration, its status in the profile, the organisations {@code whoami-v2} lists, and
 * leaving them all when an account is deleted.
 */
public interface OrgLink {

    /** Before an account is made: a 400 naming {@code team} when it cannot be joined or created (it names a user). */
    void requireJoinable(String team, String username);

    /**
     * After the user is stored: the organisation {@code team} names is created with the
     * user as {@code admin}, or, when it exists, a join request is filed (granting nothing).
     */
    void joinOnRegistration(CurrentUser user, String team);

    /** {@code active} when the user is a member of the organisation, {@code pending} while asked or invited, else empty. */
    String teamStatus(String userId, String team);

    /** The user's organisations with their roles, by name. */
    List<Membership> organisationsOf(String userId);

    /**
     * Refuses (409) while the user is the last admin of an organisation that still has
     * repositories; otherwise passes.
     */
    void requireCanLeaveAll(CurrentUser user);

    /**
     * The user leaves every organisation and their requests and invitations go. An
     * organisation they were the last admin of (it has no repositories, see
     * {@link #requireCanLeaveAll}) is deleted.
     */
    void leaveAll(CurrentUser user);

    /** An organisation the user belongs to. */
    record Membership(String name, Role role) {
    }
}
