package io.modellibrary.account;

import io.modellibrary.common.TooManyRequestsException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Password checks beyond those running and waiting are refused at once with a 429 saying when to retry. */
class BoundedPasswordEncoderTest {

    @Test
    void checksBeyondTheRunningAndWaitingOnesAreRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "hash";
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                entered.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, 1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            Future<Boolean> running = pool.submit(() -> bounded.matches("a", "hash"));
            entered.await(5, TimeUnit.SECONDS);
            Future<Boolean> waiting = pool.submit(() -> bounded.matches("b", "hash"));
            // the second check has its place and waits for the one running (parked: WAITING)
            await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 2 && threads.get(1).getState() == Thread.State.WAITING);

            long start = System.nanoTime();
            assertThatThrownBy(() -> bounded.matches("c", "hash"))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));

            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(bounded.matches("d", "hash")).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
