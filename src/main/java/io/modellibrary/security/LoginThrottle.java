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
 * window ends. Each attempt counts before its password is checked; a successful login
 * takes its own count back and clears its username's count. Bounded: least recently
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

    /**
     * Starts a login attempt: refused with {@link TooManyRequestsException} while the
     * username or the address is locked out, otherwise counted as a failure at once, before
     * the password is checked, so that parallel attempts cannot slip past the limit. A
     * successful attempt takes its count back with {@link #succeeded}.
     */
    public synchronized void begin(String username, String address) {
        check(username, address);
        Instant now = clock.instant();
        keys(username, address).forEach(key -> failures.asMap().compute(key, (k, w) ->
                w == null || w.endedBy(now, properties.window()) ? new Window(now, 1) : new Window(w.start(), w.count() + 1)));
    }

    /** Throws {@link TooManyRequestsException} while the username or the address is locked out. */
    synchronized void check(String username, String address) {
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

    /** The attempt begun for this name and address succeeded: the name's failures are cleared. */
    public synchronized void succeeded(String username, String address) {
        failures.invalidate(userKey(username));
        failures.asMap().computeIfPresent(addressKey(address), (k, w) -> w.count() <= 1 ? null : new Window(w.start(), w.count() - 1));
    }

    private static TooManyRequestsException refusal(Instant now, Instant until) {
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        return new TooManyRequestsException("too many failed logins; try again in " + seconds
                + " seconds (after " + Times.format(until) + ")", seconds);
    }

    private static Stream<String> keys(String username, String address) {
        return Stream.of(userKey(username), addressKey(address));
    }

    private static String addressKey(String address) {
        return "address:" + address;
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
