package io.modellibrary.common;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One WARN line without a stack trace for a failure that repeats while something the server needs
 * is gone (the database: {@link DatabaseUnavailable}; the blob store: {@link BlobStoreUnavailable}),
 * at most every {@link #EVERY}; the failures in between are logged at DEBUG and counted in the
 * next WARN line. An outage of an hour under load then writes a few hundred lines, not a stack
 * trace per request.
 */
final class ThrottledWarning {

    /** The shortest time between two WARN lines of one such warning. */
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Logger log;
    private final String cause;
    private final AtomicReference<Instant> lastWarn = new AtomicReference<>(Instant.EPOCH);
    private final AtomicLong quiet = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    /**
     * @param log   the logger to write to
     * @param cause what is gone, as the lines say it after the colon ({@code the database is unavailable})
     */
    ThrottledWarning(Logger log, String cause) {
        this.log = log;
        this.cause = cause;
    }

    /**
     * Logs {@code what} failed for the cause: one WARN line naming the innermost message of {@code e}
     * ({@link #reason}), or DEBUG when such a WARN was written less than {@link #EVERY} ago.
     *
     * @param what what failed, e.g. {@code Refused GET /api/models with 503}
     */
    void log(String what, Throwable e) {
        Instant now = clock.instant();
        Instant last = lastWarn.get();
        if (now.isBefore(last.plus(EVERY)) || !lastWarn.compareAndSet(last, now)) {
            quiet.incrementAndGet();
            log.debug("{}: {} ({})", what, cause, e.toString());
            return;
        }
        long meanwhile = quiet.getAndSet(0);
        log.warn("{}: {} ({}){}", what, cause, reason(e),
                meanwhile == 0 ? "" : "; " + meanwhile + " more such failures since the last such line");
    }

    /**
     * The innermost message of the chain, after its exception's simple class name: the driver's own words
     * ({@code MongoSocketOpenException: Exception opening socket}, {@code NativeException: Broken pipe}).
     */
    static String reason(Throwable e) {
        Throwable deepest = e;
        for (Throwable t : Causes.chain(e)) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }
}
