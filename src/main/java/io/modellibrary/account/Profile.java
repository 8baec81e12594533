package io.modellibrary.account;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code GET /api/personalInformation} shows of a user.
 *
 * @param team   the team, empty when none
 * @param avatar the URL path of the avatar image
 */
public record Profile(
        @Schema(example = "fwnidk") String username,
        @Schema(example = "iSS") String team,
        @Schema(example = "/images/3cd5fe9833ac4c766468d1e1f5157060.jpg") String avatar) {

    static Profile of(User user) {
        return new Profile(user.getUsername(), user.getTeam() == null ? "" : user.getTeam(), user.getAvatar());
    }
}
