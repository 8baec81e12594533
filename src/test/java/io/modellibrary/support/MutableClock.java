package io.modellibrary.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in full-stack tests ({@link TestClock}): real time, moved
 * forward on demand so that a test outlasts a lease without sleeping, and {@linkplain #stop
 * stopped} while a test needs a lease to last. Like time, it only goes forward: the context,
 * and so the clock, are shared by the test classes that use it.
 */
public final class MutableClock extends Clock {

    /** How far ahead of real time the clock is, and where it stands while stopped (null: it runs). */
    private record State(Duration offset, Instant stoppedAt) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(Duration.ZERO, null));

    /** Moves the clock forward by {@code amount} (a stopped clock too). */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the clock only goes forward: " + amount);
        }
        state.updateAndGet(s -> new State(s.offset().plus(amount), s.stoppedAt() == null ? null : s.stoppedAt().plus(amount)));
    }

    /**
     * Stops the clock where it stands until the answer is closed; it then runs on from real time
     * (plus what it was {@linkplain #advance moved} meanwhile), so it never goes back. For a test
     * whose claim holds only while a lease lasts: the 300 ms leases of {@link ShortLeases} are
     * measured against this clock, and real time on a loaded machine can outlast them between two
     * statements (docs/decisions.md, "Session 18 (flaky)"). Every thread of the context reads the
     * stopped clock: stop it only around work that waits for nothing to expire.
     *
     * @throws IllegalStateException when the clock is stopped already
     */
    public Stopped stop() {
        state.updateAndGet(s -> {
            if (s.stoppedAt() != null) {
                throw new IllegalStateException("the clock is stopped already");
            }
            return new State(s.offset(), Instant.now().plus(s.offset()));
        });
        return () -> state.updateAndGet(s -> new State(s.offset(), null));
    }

    /** A {@linkplain #stop stopped} clock; closing it lets the clock run again. */
    public interface Stopped extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Instant instant() {
        State s = state.get();
        return s.stoppedAt() != null ? s.stoppedAt() : Instant.now().plus(s.offset());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        MutableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
