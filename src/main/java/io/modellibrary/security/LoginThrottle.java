package io.modellibrary.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.Times;
import io.modellibrary.common.TooManyRequestsException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Slows password guessing without locking anyone out, after the OWASP Authentication
 * Cheat Sheet ("Login Throttling", "Account Lockout": count failures, grow the delay
 * instead of locking, so that an attacker cannot lock a user out).
 *
 * <p>Only failed logins count, under three keys: the (username, address) pair, tightly
 * ({@code pair-free-failures}, 5 by default); the address alone, loosely (30: an office
 * behind one NAT address); the username alone, loosely (20: a guesser spread over many
 * addresses). Once a key has used its free failures, each further attempt under it must
 * wait {@code base-delay * 2^(failures - free)}, at most {@code max-delay}, after that
 * key's last failure; earlier attempts answer 429 with {@code Retry-After} and are not
 * counted. A key is forgotten {@code memory} after its last failure.
 *
 * <p>So one user's typos delay only that user at that address; a stranger guessing from
 * one address is held by the pair and address keys long before the username key is
 * reached; and the username key never applies to an address its owner has signed in
 * from successfully (remembered {@code known-address-memory}), so even a distributed
 * guesser delays the owner only at a new address. A correct password is never refused
 * because of the caller's own parallel attempts: successes do not count. Parallel wrong
 * guesses that are checked before any of them fails can overshoot the free failures
 * by the number in flight; each still costs a bcrypt check and is counted, so the next
 * delay grows accordingly. Bounded: least recently used entries go first.
 */
@Component
public class LoginThrottle {

    private final Cache<String, Failures> failures;
    private final Cache<String, Boolean> knownAddresses;
    private final LoginThrottleProperties properties;
    private final Clock clock;

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(properties.capacity()).expireAfterWrite(properties.memory()).build();
        this.knownAddresses = Caffeine.newBuilder().maximumSize(properties.capacity())
                .expireAfterWrite(properties.knownAddressMemory()).build();
    }

    /** Failures under one key and when the last one happened. */
    private record Failures(int count, Instant last) {
    }

    /** One key and how many failures it allows before delays begin. */
    private record Limit(String key, int free) {
    }

    /**
     * Passes when this username may try a password from this address now; otherwise
     * {@link TooManyRequestsException} (429) saying when to retry. Checks nothing else and
     * counts nothing.
     */
    public synchronized void check(String username, String address) {
        Instant now = clock.instant();
        limits(username, address).stream()
                .map(limit -> allowedFrom(limit, now))
                .filter(allowed -> allowed.isAfter(now))
                .max(Instant::compareTo)
                .ifPresent(until -> {
                    throw refusal(now, until);
                });
    }

    /** The password was wrong (or the user unknown): counted under all three keys. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : List.of(pairKey(username, address), addressKey(address), userKey(username))) {
            failures.asMap().merge(key, new Failures(1, now),
                    (old, one) -> forgotten(old, now) ? one : new Failures(old.count() + 1, now));
        }
    }

    /**
     * The password was right: the pair's failures are forgotten and the address becomes
     * one the username key no longer applies to. The address and username keys keep
     * their counts (others' failures are not this user's to clear).
     */
    public synchronized void succeeded(String username, String address) {
        failures.invalidate(pairKey(username, address));
        knownAddresses.put(pairKey(username, address), Boolean.TRUE);
    }

    private Instant allowedFrom(Limit limit, Instant now) {
        Failures seen = failures.getIfPresent(limit.key());
        if (seen == null || seen.count() < limit.free() || forgotten(seen, now)) {
            return now;
        }
        int doublings = Math.min(seen.count() - limit.free(), 30);
        Duration delay = properties.baseDelay().multipliedBy(1L << doublings);
        return seen.last().plus(delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay);
    }

    /** The cache expires entries on its own clock too; this is the rule on the throttle's clock. */
    private boolean forgotten(Failures failures, Instant now) {
        return !now.isBefore(failures.last().plus(properties.memory()));
    }

    private List<Limit> limits(String username, String address) {
        List<Limit> limits = new ArrayList<>(3);
        limits.add(new Limit(pairKey(username, address), properties.pairFreeFailures()));
        limits.add(new Limit(addressKey(address), properties.addressFreeFailures()));
        if (knownAddresses.getIfPresent(pairKey(username, address)) == null) {
            limits.add(new Limit(userKey(username), properties.usernameFreeFailures()));
        }
        return limits;
    }

    private static TooManyRequestsException refusal(Instant now, Instant until) {
        long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
        return new TooManyRequestsException("too many failed logins; try again in " + seconds
                + (seconds == 1 ? " second" : " seconds") + " (after " + Times.format(until) + ")", seconds);
    }

    private static String pairKey(String username, String address) {
        return "pair:" + username.toLowerCase(Locale.ROOT) + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }
}
