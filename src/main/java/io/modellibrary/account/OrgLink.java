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
     * repositories, or whose deletion is under way; otherwise closes the names of the
     * organisations they are the last admin of ({@link Namespaces#close}, before counting their
     * repositories) and answers those marks, for {@link #leaveAll} (or {@link Namespaces#reopen}
     * should the account's deletion stop before it).
     */
    List<Namespaces.Closing> requireCanLeaveAll(CurrentUser user);

    /**
     * The user leaves every organisation and their requests and invitations go. An
     * organisation they are the last admin of is deleted (its name closed by
     * {@link #requireCanLeaveAll}, whose marks {@code closings} are) when it still holds no
     * repository; marks of organisations not deleted are taken away.
     */
    void leaveAll(CurrentUser user, List<Namespaces.Closing> closings);

    /** An organisation the user belongs to. */
    record Membership(String name, Role role) {
    }
}
