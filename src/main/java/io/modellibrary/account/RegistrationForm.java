package io.modellibrary.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.multipart.MultipartFile;

/** The multipart form of {@code POST /api/register/submitUserInfo}. */
public record RegistrationForm(
        @Schema(example = "fwnidk", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Pattern(regexp = Names.USERNAME_PATTERN, message = Names.USERNAME_RULE) String username,
        @Schema(description = "8 to 72 bytes (UTF-8)", format = "password", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Utf8Length(min = 8, max = 72) String password,
        @Schema(example = "iSS", description = "an organisation: a new name creates it with you as admin, an existing one files a join request; optional")
        @Pattern(regexp = Names.TEAM_PATTERN, message = Names.TEAM_RULE) String team,
        @Schema(description = "PNG, JPEG, GIF or WebP up to 2 MB; optional (the default avatar otherwise)")
        MultipartFile avatar) {

    /** The team, or null for none. */
    public String teamOrNull() {
        return team == null || team.isEmpty() ? null : team;
    }

    @Override
    public String toString() {
        return "RegistrationForm[username=" + username + ", password=***, team=" + team + "]";
    }
}
