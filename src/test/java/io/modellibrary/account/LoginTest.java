package io.modellibrary.account;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Login answers alike for a wrong name and a wrong password, refuses non-string fields,
 * and slows guessing per (name, address), per address and per name (only failures count). Each test uses its own client
 * addresses, as the throttle outlives a test in the shared context.
 */
@FullStackTest
class LoginTest {

    private static final String WRONG = "{\"code\":0,\"msg\":\"wrong username or password\",\"data\":null}";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void wrongPasswordAndUnknownNameAnswerAlike() throws Exception {
        Accounts.SignedIn user = accounts.signUp("carol");
        String address = newAddress();

        login(user.username(), "not the password", address).andExpect(status().isOk())
                .andExpect(content().json(WRONG, true)).andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        login(Accounts.uniqueName("nobody"), Accounts.PASSWORD, address).andExpect(status().isOk())
                .andExpect(content().json(WRONG, true)).andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        login(user.username(), "é".repeat(40), address).andExpect(content().json(WRONG, true));
    }

    @Test
    void theNameIsMatchedWithoutCaseAndThePasswordWithCase() throws Exception {
        Accounts.SignedIn user = accounts.signUp("Dave");

        login(user.username().toUpperCase(), Accounts.PASSWORD, newAddress())
                .andExpect(jsonPath("$.code").value(1))
                .andExpect(header().string(HttpHeaders.AUTHORIZATION, matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+")));
        login(user.username(), Accounts.PASSWORD.toUpperCase(), newAddress()).andExpect(content().json(WRONG, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":{\"$ne\":null},\"password\":{\"$ne\":null}}",
            "{\"username\":\"x\",\"password\":{\"$gt\":\"\"}}",
            "{\"username\":[\"a\",\"b\"],\"password\":\"12345678\"}",
            "{\"username\":\"x\"}",
            "not json",
            "[]"})
    void malformedBodiesAre400(String body) throws Exception {
        mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON).content(body)
                        .with(r -> { r.setRemoteAddr(newAddress()); return r; }))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void guessingIsSlowedAfterFiveFailuresOfOneNameFromOneAddressWhileOthersAreUnaffected() throws Exception {
        Accounts.SignedIn victim = accounts.signUp("victim");
        Accounts.SignedIn colleague = accounts.signUp("colleague");
        String guesser = newAddress();
        for (int i = 0; i < 5; i++) {
            login(victim.username(), "guess-" + i, guesser).andExpect(content().json(WRONG, true));
        }

        login(victim.username(), "guess-6", guesser)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, matchesPattern("[1-9]\\d*")))
                .andExpect(jsonPath("$.msg").value(matchesPattern("too many failed logins; try again in \\d+ seconds? .*")));
        // a colleague behind the same address, and the owner anywhere else, sign in as usual
        login(colleague.username(), Accounts.PASSWORD, guesser).andExpect(jsonPath("$.code").value(1));
        login(victim.username(), Accounts.PASSWORD, newAddress()).andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void aStrangersGuessesFromOneAddressNeverKeepTheOwnerOutFromAnother() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("owner");
        String stranger = newAddress();
        for (int i = 0; i < 25; i++) {
            login(owner.username(), "guess-" + i, stranger);
        }
        login(owner.username(), Accounts.PASSWORD, newAddress()).andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void sprayingManyNamesFromOneAddressSlowsThatAddressOnly() throws Exception {
        // Signed up first: the delay after the 30th failure is one second on the real clock.
        Accounts.SignedIn user = accounts.signUp("sprayed");
        String attacker = newAddress();
        for (int i = 0; i < 30; i++) {
            login(Accounts.uniqueName("spray"), "guess", attacker).andExpect(content().json(WRONG, true));
        }

        login(user.username(), Accounts.PASSWORD, attacker).andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        login(user.username(), Accounts.PASSWORD, newAddress()).andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void fiftyParallelLoginsWithTheRightPasswordAllSucceed() throws Exception {
        Accounts.SignedIn user = accounts.signUp("parallel");
        String address = newAddress();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> login(user.username(), Accounts.PASSWORD, address).andReturn().getResponse().getContentAsString()));
            }
            for (java.util.concurrent.Future<String> answer : answers) {
                org.assertj.core.api.Assertions.assertThat(answer.get()).contains("\"code\":1");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessfulLoginResetsTheNamesCount() throws Exception {
        Accounts.SignedIn user = accounts.signUp("forgetful");
        for (int i = 0; i < 4; i++) {
            login(user.username(), "typo-" + i, newAddress()).andExpect(content().json(WRONG, true));
        }
        login(user.username(), Accounts.PASSWORD, newAddress()).andExpect(jsonPath("$.code").value(1));

        for (int i = 0; i < 4; i++) {
            login(user.username(), "typo-again-" + i, newAddress()).andExpect(content().json(WRONG, true));
        }
        login(user.username(), Accounts.PASSWORD, newAddress()).andExpect(jsonPath("$.code").value(1));
    }

    private ResultActions login(String username, String password, String address) throws Exception {
        return mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .with(r -> { r.setRemoteAddr(address); return r; }));
    }

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }
}
