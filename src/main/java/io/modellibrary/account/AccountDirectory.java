package io.modellibrary.account;

import io.modellibrary.catalog.AvatarSource;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.UserDirectory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Tells the JWT filter who a token's user is now. One primary-key read per authenticated
 * request, uncached: a deleted user is locked out at once and a changed team applies at once.
 */
@Component
class AccountDirectory implements UserDirectory, AvatarSource {

    private final UserRepository users;

    AccountDirectory(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<CurrentUser> findById(String userId) {
        return users.findById(userId).map(User::toCurrentUser);
    }

    /** A new repository shows its creator's avatar. */
    @Override
    public String avatarOf(CurrentUser user) {
        return users.findById(user.id()).map(User::getAvatar).orElse(DEFAULT_AVATAR);
    }
}
