package io.modellibrary.account;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.UserDirectory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Tells the JWT filter who a token's user is now. One primary-key read per authenticated
 * request, uncached: a deleted user is locked out at once and a changed team applies at once.
 */
@Component
class AccountDirectory implements UserDirectory {

    private final UserRepository users;

    AccountDirectory(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<CurrentUser> findById(String userId) {
        return users.findById(userId).map(User::toCurrentUser);
    }
}
