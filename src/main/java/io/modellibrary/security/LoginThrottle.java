package io.modellibrary.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.Times;
import io.modellibrary.common.TooManyRequestsException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Counts failed logins per username and per client address in fixed windows (from the
 * first failure). Once either reaches the limit, attempts are refused with 429 until its
 * window ends. A successful login clears its username's count. Bounded: least recently
 * used entries go first, and every entry expires a window after its last failure.
 */
@Component
public class LoginThrottle {

    private final Cache<String, Window> failures;
    private final LoginThrottleProperties properties;
    private final Clock clock;

    @Autowired
    LoginThrottle(LoginThrottleProperties properties) {
        this(properties, Clock.systemUTC());
    }

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(properties.capacity())
                .expireAfterWrite(properties.window())
                .build();
    }

    /** Throws {@link TooManyRequestsException} while the username or the address is locked out. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        keys(username, address)
                .map(failures::getIfPresent)
                .filter(w -> w != null && w.count() >= properties.maxFailures() && !w.endedBy(now, properties.window()))
                .map(w -> w.start().plus(properties.window()))
                .max(Instant::compareTo)
                .ifPresent(until -> {
                    throw refusal(now, until);
                });
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        keys(username, address).forEach(key -> failures.asMap().compute(key, (k, w) ->
                w == null || w.endedBy(now, properties.window()) ? new Window(now, 1) : new Window(w.start(), w.count() + 1)));
    }

    public void succeeded(String username) {
        failures.invalidate(userKey(username));
    }

    private static TooManyRequestsException refusal(Instant now, Instant until) {
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        return new TooManyRequestsException("too many failed logins; try again in " + seconds
                + " seconds (after " + Times.format(until) + ")", seconds);
    }

    private static Stream<String> keys(String username, String address) {
        return Stream.of(userKey(username), "address:" + address);
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }

    private record Window(Instant start, int count) {
        boolean endedBy(Instant now, Duration length) {
            return !now.isBefore(start.plus(length));
        }
    }
}
