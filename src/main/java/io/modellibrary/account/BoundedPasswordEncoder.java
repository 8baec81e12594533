package io.modellibrary.account;

import io.modellibrary.common.TooManyRequestsException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Password hashing with bounded work: at most {@code concurrent} hashes run at once and at
 * most {@code waiting} more wait for them; any further sign-in, registration or password
 * check is refused at once with a 429 and {@code Retry-After: 1}, before any hashing.
 * A bcrypt hash is deliberately slow (tens of milliseconds of one core): without the bound,
 * 200 parallel correct logins took 15 s and pushed health to 10 s (hardening issue, item 3;
 * {@code bench/slowclients.sh} measures it).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore running;
    private final Semaphore admitted;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrent, int waiting) {
        this.delegate = delegate;
        this.running = new Semaphore(concurrent, true);
        this.admitted = new Semaphore(concurrent + waiting);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw new TooManyRequestsException("the server is busy checking passwords; try again in a second", 1);
        }
        try {
            running.acquire();
            try {
                return work.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooManyRequestsException("the server is stopping; try again in a second", 1);
        } finally {
            admitted.release();
        }
    }
}
