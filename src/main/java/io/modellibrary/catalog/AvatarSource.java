package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;

/** Where a new repository's {@code avatar} comes from: its creator's avatar (accounts implement it). */
public interface AvatarSource {

    String DEFAULT_AVATAR = "/images/defaultAvatar.png";

    String avatarOf(CurrentUser user);
}
