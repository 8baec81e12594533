package io.modellibrary.account;

import io.modellibrary.catalog.RepoListItem;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What {@code GET /api/personalInformation} shows of a user.
 *
 * @param team   the team, empty when none
 * @param avatar the URL path of the avatar image
 * @param likes  the repositories the user likes and may still see, most recent like first
 */
public record Profile(
        @Schema(example = "fwnidk") String username,
        @Schema(example = "iSS") String team,
        @Schema(example = "/images/3cd5fe9833ac4c766468d1e1f5157060.jpg") String avatar,
        List<RepoListItem> likes) {

    static Profile of(User user, List<RepoListItem> likes) {
        return new Profile(user.getUsername(), user.getTeam() == null ? "" : user.getTeam(), user.getAvatar(), likes);
    }
}
