package io.modellibrary.security;

import java.util.Map;
import java.util.Optional;

/**
 * Organisation memberships as the permission check needs them. Implemented by the
 * organisation feature; only active members count (a join request or an invitation
 * grants nothing). Names are compared ignoring case.
 */
public interface Memberships {

    /** The user's role in the organisation named {@code namespace}; empty when not an active member or no such organisation. */
    Optional<Role> roleIn(String namespace, String userId);

    /** Every organisation the user is an active member of: lower-case organisation name to role. */
    Map<String, Role> rolesOf(String userId);
}
