package io.modellibrary.account;

import io.modellibrary.security.LoginThrottle;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A sign-in under a name nobody has costs a bcrypt check like a wrong password, against one
 * hash of a random password; that hash is no longer made while the context starts (session 18,
 * start-up) but by the first such check or, once the application is ready, in the background.
 */
class CredentialsTest {

    private final CountingEncoder encoder = new CountingEncoder();
    private final UserRepository users = mock(UserRepository.class);
    private final LoginThrottle throttle = mock(LoginThrottle.class);
    private final Credentials credentials;

    CredentialsTest() {
        when(users.findByUsernameKey(anyString())).thenReturn(Optional.empty());
        credentials = new Credentials(users, mock(MongoOperations.class), encoder, throttle, new PasswordConfiguration.HashingProperties(null, null, null));
    }

    @Test
    void anUnknownNameIsRefusedAfterABcryptCheckAgainstOneHashMadeByTheFirstCheck() {
        assertThat(encoder.encoded).hasValue(0);

        assertThat(credentials.verify("nobody", "a password", "192.0.2.1")).isEmpty();
        assertThat(credentials.verify("nobody", "another password", "192.0.2.1")).isEmpty();

        assertThat(encoder.encoded).as("the dummy hash is made once").hasValue(1);
        assertThat(encoder.matched).as("each refusal cost a bcrypt check").hasValue(2);
        verify(throttle, times(2)).failed("nobody", "192.0.2.1");
    }

    @Test
    void theReadyApplicationMakesTheHashInTheBackgroundAndChecksUseIt() {
        credentials.ready();
        await().atMost(Duration.ofSeconds(30)).until(() -> encoder.encoded.get() == 1);

        assertThat(credentials.verify("nobody", "a password", "192.0.2.1")).isEmpty();

        assertThat(encoder.encoded).hasValue(1);
        assertThat(encoder.matched).hasValue(1);
    }

    /** bcrypt at its lowest cost, counting hashes made and checks. */
    private static final class CountingEncoder implements PasswordEncoder {

        final AtomicInteger encoded = new AtomicInteger();
        final AtomicInteger matched = new AtomicInteger();
        private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(CheapPasswordHashing.COST);

        @Override
        public String encode(CharSequence raw) {
            encoded.incrementAndGet();
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encodedPassword) {
            matched.incrementAndGet();
            return bcrypt.matches(raw, encodedPassword);
        }
    }
}
