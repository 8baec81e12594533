package io.modellibrary.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One client address holds at most its share; what it gives back is free again, for it alone. */
class PerKeyLimitTest {

    @Test
    void aKeyHoldsAtMostItsShareAndOtherKeysAreNotAffected() {
        PerKeyLimit limit = new PerKeyLimit(2);
        assertThat(limit.tryAcquire("203.0.113.7")).isTrue();
        assertThat(limit.tryAcquire("203.0.113.7")).isTrue();
        assertThat(limit.tryAcquire("203.0.113.7")).as("a third at once").isFalse();
        assertThat(limit.tryAcquire("198.51.100.1")).as("another client").isTrue();

        limit.release("203.0.113.7");
        assertThat(limit.tryAcquire("203.0.113.7")).as("after giving one back").isTrue();
        assertThat(limit.tryAcquire("203.0.113.7")).isFalse();
    }

    @Test
    void aRefusalTakesNothing() {
        PerKeyLimit limit = new PerKeyLimit(1);
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("a")).isFalse();
        limit.release("a"); // one given back frees the one taken, however many were refused
        assertThat(limit.tryAcquire("a")).isTrue();
    }
}
