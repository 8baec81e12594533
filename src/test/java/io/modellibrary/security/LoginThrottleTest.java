package io.modellibrary.security;

import io.modellibrary.common.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle's keys and growing delays, against a clock the test moves (OWASP: delays, not lock-outs). */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(5, 30, 20,
            Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(30), 1000), clock);

    @Test
    void settingsItCannotHonourStopTheStartNamingTheSetting() {
        Duration second = Duration.ofSeconds(1);
        Duration hour = Duration.ofHours(1);
        assertThatThrownBy(() -> new LoginThrottleProperties(5, 30, 20, second.negated(), hour, hour, hour, 1000))
                .hasMessageContaining("modellibrary.login-throttle.base-delay");
        assertThatThrownBy(() -> new LoginThrottleProperties(5, 30, 20, Duration.ofMinutes(2), second, hour, hour, 1000))
                .hasMessageContaining("modellibrary.login-throttle.max-delay");
        assertThatThrownBy(() -> new LoginThrottleProperties(5, 30, 20, second, hour, Duration.ZERO, hour, 1000))
                .hasMessageContaining("modellibrary.login-throttle.memory");
    }

    @Test
    void guessingIsSlowedWithGrowingDelaysNotLockedOut() {
        failTimes("eve", "10.0.0.1", 5);
        assertThatThrownBy(() -> throttle.check("eve", "10.0.0.1"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.check("eve", "10.0.0.1");
        throttle.failed("eve", "10.0.0.1");
        assertThatThrownBy(() -> throttle.check("eve", "10.0.0.1"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        clock.advance(Duration.ofSeconds(2));
        assertThatCode(() -> throttle.check("eve", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void delaysStopGrowingAtTheMaximum() {
        failTimes("max", "10.0.1.1", 40);
        assertThatThrownBy(() -> throttle.check("max", "10.0.1.1"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(900));
    }

    @Test
    void oneUsersTyposDoNotDelayAColleagueBehindTheSameAddress() {
        failTimes("typist", "10.0.2.1", 8);
        assertThatCode(() -> throttle.check("colleague", "10.0.2.1")).doesNotThrowAnyException();
    }

    @Test
    void aStrangersGuessesFromOneAddressDoNotDelayTheOwnerElsewhere() {
        for (int i = 0; i < 50; i++) {
            try {
                throttle.check("owner", "10.0.3.66");
                throttle.failed("owner", "10.0.3.66");
            } catch (TooManyRequestsException refusedAndNotCounted) {
                clock.advance(Duration.ofMillis(300));
            }
        }
        assertThatCode(() -> throttle.check("owner", "10.0.3.1")).doesNotThrowAnyException();
    }

    @Test
    void aDistributedGuesserDelaysANewAddressButNeverOneTheOwnerSignedInFrom() {
        throttle.check("target", "10.0.4.1");
        throttle.succeeded("target", "10.0.4.1");
        for (int i = 0; i < 20; i++) {
            throttle.failed("target", "10.9.9." + i);
        }
        assertThatThrownBy(() -> throttle.check("target", "10.0.4.2")).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.check("target", "10.0.4.1")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessClearsThePairButNotTheAddress() {
        failTimes("fay", "10.0.5.1", 5);
        throttle.succeeded("FAY", "10.0.5.1");
        assertThatCode(() -> throttle.check("fay", "10.0.5.1")).doesNotThrowAnyException();
        failTimes("others", "10.0.5.1", 25);
        assertThatThrownBy(() -> throttle.check("anyone", "10.0.5.1")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void failuresAreForgottenAfterTheMemory() {
        failTimes("old", "10.0.6.1", 10);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThatCode(() -> throttle.check("old", "10.0.6.1")).doesNotThrowAnyException();
    }

    private void failTimes(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, address);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
