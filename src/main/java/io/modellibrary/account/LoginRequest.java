package io.modellibrary.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/login}. Only bounded here: a name or password that breaks
 * the registration rules simply does not match.
 */
record LoginRequest(
        @Schema(example = "fwnidk") @NotBlank @Size(max = 64) String username,
        @Schema(example = "correct horse battery staple", format = "password") @NotNull @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***]";
    }
}
