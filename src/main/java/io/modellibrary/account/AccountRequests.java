package io.modellibrary.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the account management and token endpoints. Passwords never appear in {@code toString}. */
public final class AccountRequests {

    private AccountRequests() {
    }

    /** {@code POST /api/account/password}; the new password follows the registration rule. */
    public record PasswordChange(
            @Schema(format = "password") @NotNull @Size(max = 1024) String currentPassword,
            @Schema(format = "password", description = "8 to 72 bytes (UTF-8)") @NotNull @Utf8Length(min = 8, max = 72) String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    /** {@code DELETE /api/account}. */
    public record Deletion(@Schema(format = "password") @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "Deletion[***]";
        }
    }

    /** {@code POST /api/tokens}. */
    public record NewToken(
            @Schema(example = "ci-upload") @NotBlank @Size(max = 64) String name,
            @Schema(example = "read", allowableValues = {"read", "write"}) @NotBlank String role) {
    }
}
