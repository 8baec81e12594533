package io.modellibrary.account;

import io.modellibrary.catalog.RepoListItem;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What {@code GET /api/personalInformation} shows of a user.
 *
 * @param team       the organisation named at registration (the seed's field), empty when none
 * @param teamStatus {@code active} once a member of it, {@code pending} while the join request
 *                   or an invitation waits, empty when neither (declined, left, or no team)
 * @param avatar the URL path of the avatar image
 * @param likes  the repositories the user likes and may still see, most recent like first
 */
public record Profile(
        @Schema(example = "fwnidk") String username,
        @Schema(example = "iSS") String team,
        @Schema(example = "active", allowableValues = {"active", "pending", ""}) String teamStatus,
        @Schema(example = "/images/3cd5fe9833ac4c766468d1e1f5157060.jpg") String avatar,
        List<RepoListItem> likes) {

    static Profile of(User user, String teamStatus, List<RepoListItem> likes) {
        return new Profile(user.getUsername(), user.getTeam() == null ? "" : user.getTeam(), teamStatus, user.getAvatar(), likes);
    }
}
