package io.modellibrary.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Login throttling under {@code modellibrary.login-throttle.*}.
 *
 * @param maxFailures failed logins per username or per client address before further attempts are refused
 * @param window      the period the failures are counted in; refusals last until it ends
 * @param capacity    how many usernames and addresses are tracked at most (bounds the memory)
 */
@Validated
@ConfigurationProperties("modellibrary.login-throttle")
record LoginThrottleProperties(
        @Min(1) @DefaultValue("5") int maxFailures,
        @NotNull @DefaultValue("5m") Duration window,
        @Min(100) @DefaultValue("100000") long capacity) {
}
