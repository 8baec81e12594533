package io.modellibrary.common;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A repeating warning writes its WARN line at most once per interval (the interval its user gives:
 * 10 s for an outage, a minute for the Xet token requests), and the next WARN line is told how many
 * occurrences were passed over.
 */
class ThrottledWarningTest {

    private final StoppedClock clock = new StoppedClock();
    private final List<String> lines = new ArrayList<>();

    private void occur(ThrottledWarning warning) {
        warning.log(meanwhile -> lines.add("WARN after " + meanwhile), () -> lines.add("quiet"));
    }

    @Test
    void oneWarnPerIntervalTheRestQuietAndCounted() {
        ThrottledWarning warning = new ThrottledWarning(Duration.ofMinutes(1), clock);
        occur(warning);
        clock.advance(Duration.ofSeconds(30));
        occur(warning);
        clock.advance(Duration.ofSeconds(29));
        occur(warning);
        clock.advance(Duration.ofSeconds(1));
        occur(warning);
        occur(warning);
        assertThat(lines).containsExactly("WARN after 0", "quiet", "quiet", "WARN after 2", "quiet");
    }

    @Test
    void theIntervalIsTheCallersOwn() {
        ThrottledWarning tenSeconds = new ThrottledWarning(Duration.ofSeconds(10), clock);
        occur(tenSeconds);
        clock.advance(Duration.ofSeconds(10));
        occur(tenSeconds);
        assertThat(lines).containsExactly("WARN after 0", "WARN after 0");
        assertThatThrownBy(() -> new ThrottledWarning(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock that moves only when told (no real time passes in between). */
    private static final class StoppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration amount) {
            now = now.plus(amount);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
