package io.modellibrary.security;

import io.modellibrary.common.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle's windows, against a clock the test moves. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(5, Duration.ofMinutes(5), 1000), clock);

    @Test
    void aLockOutLastsUntilFiveMinutesAfterTheFirstFailure() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("Eve", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(30));
        }

        assertThatThrownBy(() -> throttle.check("eve", "10.0.1.1"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(150));
        clock.advance(Duration.ofSeconds(150));
        assertThatCode(() -> throttle.check("eve", "10.0.1.1")).doesNotThrowAnyException();
    }

    @Test
    void failuresSpreadOverMoreThanAWindowNeverLockOut() {
        for (int i = 0; i < 12; i++) {
            throttle.begin("slow", "10.1.0." + i);
            clock.advance(Duration.ofMinutes(2));
            assertThatCode(() -> throttle.check("slow", "10.1.9.9")).doesNotThrowAnyException();
            if (i % 4 == 3) {
                clock.advance(Duration.ofMinutes(5));
            }
        }
    }

    @Test
    void fourFailuresPassAndASuccessClearsTheNameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.begin("fay", "10.2.0.1");
        }
        assertThatCode(() -> throttle.check("fay", "10.2.0.1")).doesNotThrowAnyException();

        throttle.begin("FAY", "10.2.0.1");
        throttle.succeeded("FAY", "10.2.0.1");
        throttle.begin("fay", "10.2.0.2");
        assertThatCode(() -> throttle.check("fay", "10.2.0.3")).doesNotThrowAnyException();
        throttle.begin("someone", "10.2.0.1");
        assertThatThrownBy(() -> throttle.check("other", "10.2.0.1")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void parallelAttemptsCannotSlipPastTheLimit() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Callable<Boolean>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = "10.3.0." + i;
            attempts.add(() -> {
                try {
                    throttle.begin("gus", address);
                    return true;
                } catch (TooManyRequestsException refused) {
                    return false;
                }
            });
        }
        long admitted = 0;
        for (java.util.concurrent.Future<Boolean> f : pool.invokeAll(attempts)) {
            admitted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(5);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2024-05-09T16:37:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
