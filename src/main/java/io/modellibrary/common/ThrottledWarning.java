package io.modellibrary.common;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * A warning that repeats, written as one WARN line at most every given interval: the occurrences in
 * between take the quiet path (a DEBUG line, or nothing) and are counted for the next WARN line. Used
 * for a failure that repeats while something the server needs is gone ({@link Outage}: every 10 s,
 * so that an outage of an hour under load writes a few hundred lines, not a stack trace per request)
 * and for a client that keeps asking for what this server does not speak ({@code hub/HubXetController}:
 * once a minute). Safe for concurrent use: of two occurrences at the same moment only one warns.
 */
public final class ThrottledWarning {

    private final Duration every;
    private final Clock clock;
    private final AtomicReference<Instant> lastWarn = new AtomicReference<>();
    private final AtomicLong quiet = new AtomicLong();

    /**
     * @param every the shortest time between two WARN lines (positive)
     * @param clock the clock read at each occurrence (the application's {@code Clock} bean where there is one)
     * @throws IllegalArgumentException when {@code every} is zero or negative
     */
    public ThrottledWarning(Duration every, Clock clock) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("the interval between two warnings must be positive: " + every);
        }
        this.every = every;
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * One occurrence: calls {@code warn} when this warning was never written or last written at least the
     * interval ago, with how many occurrences took the quiet path since then (0 for none); calls
     * {@code quietly} otherwise. Exactly one of the two is called.
     *
     * @param warn    writes the WARN line, given the count of occurrences passed over since the last one
     * @param quietly writes what an occurrence between two WARN lines writes (a DEBUG line, or nothing)
     */
    public void log(LongConsumer warn, Runnable quietly) {
        Instant now = clock.instant();
        Instant last = lastWarn.get();
        if ((last != null && now.isBefore(last.plus(every))) || !lastWarn.compareAndSet(last, now)) {
            quiet.incrementAndGet();
            quietly.run();
            return;
        }
        warn.accept(quiet.getAndSet(0));
    }

    /**
     * One failure, in the form every such line here has: WARN {@code what: cause (reason)} naming the
     * innermost message of {@code e} ({@link Outage#reason}) and, when some were, how many failures were
     * passed over since the last such line; the ones in between at DEBUG, never with a stack trace.
     *
     * @param log   the logger the lines go to
     * @param what  what failed, e.g. {@code Refused GET /api/models with 503}
     * @param cause what is wrong, as the line says it after the colon
     * @param e     the failure
     */
    public void failure(Logger log, String what, String cause, Throwable e) {
        log(meanwhile -> log.warn("{}: {} ({}){}", what, cause, Outage.reason(e),
                        meanwhile == 0 ? "" : "; " + meanwhile + " more such failures since the last such line"),
                () -> log.debug("{}: {} ({})", what, cause, e.toString()));
    }
}
