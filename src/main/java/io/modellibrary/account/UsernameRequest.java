package io.modellibrary.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/register/verifyUsername}. */
record UsernameRequest(
        @Schema(example = "fwnidk") @NotNull @Pattern(regexp = Names.USERNAME_PATTERN, message = Names.USERNAME_RULE)
        String username) {
}
