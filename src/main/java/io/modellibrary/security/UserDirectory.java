package io.modellibrary.security;

import java.util.Optional;

/**
 * Looks up the user a verified token names, so that a token of a since-deleted user
 * stops working and the caller's name and team are always current. Implemented by the
 * account feature.
 */
public interface UserDirectory {

    Optional<CurrentUser> findById(String userId);
}
