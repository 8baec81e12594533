package io.modellibrary.security;

import io.modellibrary.common.SettingRefusedException;
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
 * @param ttl    how long a token stays valid; every authenticated response renews it. Longer than zero,
 *               or the start is refused ({@link #requirePositiveDurations}).
 * @param maxSessionAge the absolute lifetime of a session from its sign-in; renewals never extend it
 *               (OWASP Session Management Cheat Sheet, "Absolute Timeout"). Longer than zero, as {@code ttl}.
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

    /**
     * Refuses a {@link #ttl} or {@link #maxSessionAge} of zero or less (no token could ever be used), as
     * docs/decisions.md P13 reports a refused setting: by its property and environment variable, not by a
     * validation method's name (an {@code @AssertTrue isTtlPositive()} was reported as the property
     * {@code modellibrary.jwt.ttlPositive}). Called by {@link JwtService}, which uses both.
     *
     * @throws SettingRefusedException naming the first such setting
     */
    void requirePositiveDurations() {
        requirePositive(ttl, "modellibrary.jwt.ttl (MODELLIBRARY_JWT_TTL)", "how long a token stays valid, e.g. 24h");
        requirePositive(maxSessionAge, "modellibrary.jwt.max-session-age (MODELLIBRARY_JWT_MAXSESSIONAGE)",
                "how long a session lasts after its sign-in, e.g. 30d");
    }

    private static void requirePositive(Duration value, String setting, String meaning) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new SettingRefusedException(setting, "must be longer than zero; it is " + value.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                    "Set it to " + meaning + ", or leave it out for the default.");
        }
    }
}
