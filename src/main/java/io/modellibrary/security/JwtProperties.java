package io.modellibrary.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Token settings under {@code modellibrary.jwt.*}.
 *
 * @param secret the HMAC signing secret (its UTF-8 bytes), at least 256 bits; {@code JWT_SECRET}. A shorter
 *               one stops the start ({@link SigningKey}, naming the setting and never its value).
 *               Empty: a random secret is generated once and kept in {@code <data-dir>/jwt-secret}.
 * @param secretFile a secret file another server generated ({@code <its data-dir>/jwt-secret}: base64 of
 *               the key), read as that server reads it; {@code JWT_SECRET_FILE}. Used when {@code secret} is
 *               empty: a second server joining the first one's embedded database signs with its key. The
 *               file's text is not the key itself, so {@code JWT_SECRET=$(cat jwt-secret)} would not be.
 * @param ttl    how long a token stays valid; every authenticated response renews it
 * @param maxSessionAge the absolute lifetime of a session from its sign-in; renewals never extend it
 *               (OWASP Session Management Cheat Sheet, "Absolute Timeout")
 */
@Validated
@ConfigurationProperties("modellibrary.jwt")
record JwtProperties(String secret, String secretFile, @NotNull @DefaultValue("24h") Duration ttl,
                     @NotNull @DefaultValue("30d") Duration maxSessionAge) {

    static final int MIN_SECRET_BYTES = 32;

    boolean secretConfigured() {
        return secret != null && !secret.isBlank();
    }

    boolean secretFileConfigured() {
        return !secretConfigured() && secretFile != null && !secretFile.isBlank();
    }

    @AssertTrue(message = "ttl must be positive")
    public boolean isTtlPositive() {
        return ttl == null || (!ttl.isNegative() && !ttl.isZero());
    }

    @AssertTrue(message = "max-session-age must be positive")
    public boolean isMaxSessionAgePositive() {
        return maxSessionAge == null || (!maxSessionAge.isNegative() && !maxSessionAge.isZero());
    }
}
