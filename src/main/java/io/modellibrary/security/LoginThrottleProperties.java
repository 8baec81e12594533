package io.modellibrary.security;

import io.modellibrary.common.SettingChecks;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Login throttling under {@code modellibrary.login-throttle.*} (see {@link LoginThrottle}).
 *
 * @param pairFreeFailures     failed logins of one username from one address before delays begin
 * @param addressFreeFailures  failed logins from one address (any username) before delays begin
 * @param usernameFreeFailures failed logins of one username (any address it has not signed in from) before delays begin
 * @param baseDelay            the first delay; each further failure doubles it
 * @param maxDelay             the longest delay
 * @param memory               failures are forgotten this long after a key's last failure
 * @param knownAddressMemory   how long a successful sign-in exempts its address from the username key
 * @param capacity             how many keys are tracked at most (bounds the memory)
 */
@Validated
@ConfigurationProperties("modellibrary.login-throttle")
record LoginThrottleProperties(
        @Min(1) @DefaultValue("5") int pairFreeFailures,
        @Min(1) @DefaultValue("30") int addressFreeFailures,
        @Min(1) @DefaultValue("20") int usernameFreeFailures,
        @NotNull @DefaultValue("1s") Duration baseDelay,
        @NotNull @DefaultValue("15m") Duration maxDelay,
        @NotNull @DefaultValue("1h") Duration memory,
        @NotNull @DefaultValue("30d") Duration knownAddressMemory,
        @Min(100) @DefaultValue("100000") long capacity) {

    /**
     * Refuses a negative delay or a longest delay below the first (the throttle would wait no time, or
     * less for more failures), and a memory of zero or less (every failure forgotten at once).
     */
    LoginThrottleProperties {
        SettingChecks.notNegative("modellibrary.login-throttle.base-delay", baseDelay);
        if (baseDelay != null && maxDelay != null && maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("modellibrary.login-throttle.max-delay (" + maxDelay
                    + ") must be at least modellibrary.login-throttle.base-delay (" + baseDelay + ")");
        }
        SettingChecks.positive("modellibrary.login-throttle.memory", memory);
        SettingChecks.positive("modellibrary.login-throttle.known-address-memory", knownAddressMemory);
    }
}
