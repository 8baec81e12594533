package io.modellibrary.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's delegating encoder: bcrypt today, stored as {@code {bcrypt}...}, so
 * that a future default can take over and old hashes are upgraded at the next login;
 * behind a {@link BoundedPasswordEncoder}, so that a flood of logins cannot take every CPU.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordConfiguration.HashingProperties.class)
class PasswordConfiguration {

    /**
     * {@code modellibrary.passwords.*}.
     *
     * @param concurrent password hashes computed at once (0: the processors). Half of them until session 9: one
     *                   hashing thread on two cores got too small a share of the CPU beside 64 clients' other
     *                   requests, its queue filled and sign-ins got 429 ({@code src/test/sh/load.sh}: sign-in
     *                   p50 7.5-8.1 s and 3-14 refusals; with both cores 0.6 s, none, and health's p99 the same,
     *                   292 against 279 ms)
     * @param waiting    hashes that may wait for one of those; a sign-in beyond them is a 429
     * @param perAddress of those (computed or waiting), from one client address at once; one more from it is a
     *                   429 (default: a quarter of {@code concurrent + waiting}), so that one client's login flood
     *                   cannot keep everyone else from signing in ({@code src/test/sh/load.sh}: the flood's first
     *                   burst filled every place, and other clients' sign-ins waited 30 s or got 429)
     */
    @ConfigurationProperties("modellibrary.passwords")
    record HashingProperties(Integer concurrent, Integer waiting, Integer perAddress) {

        int perAddressOrDefault() {
            return perAddress == null || perAddress <= 0 ? Math.max(1, (concurrentOrDefault() + waitingOrDefault()) / 4) : perAddress;
        }

        int concurrentOrDefault() {
            return concurrent == null || concurrent <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : concurrent;
        }

        int waitingOrDefault() {
            return waiting == null || waiting < 0 ? 32 : waiting;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder(HashingProperties properties) {
        return new BoundedPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                properties.concurrentOrDefault(), properties.waitingOrDefault());
    }
}
