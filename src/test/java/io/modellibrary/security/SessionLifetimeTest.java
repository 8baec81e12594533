package io.modellibrary.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static io.modellibrary.support.Accounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * A session ends 30 days (the default {@code max-session-age}) after its sign-in, however
 * often its token was renewed: renewals copy the sign-in time and never reach past it.
 * Tokens are made with the server's key, as if renewed the day before.
 */
@FullStackTest
class SessionLifetimeTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    SigningKey signingKey;
    /** The server's clock: other test classes of the shared context move it forward (a token's times are judged by it). */
    @Autowired
    java.time.Clock clock;

    @Test
    void aSessionOlderThanItsAbsoluteLifetimeIsRefusedEvenIfRenewedDaily() throws Exception {
        Accounts.SignedIn user = accounts.signUp("old-session");
        String renewedYesterday = renewedToken(user.token(), clock.instant().minus(Duration.ofDays(30)).minusSeconds(60));

        mvc.perform(get("/api/personalInformation").with(bearer(renewedYesterday)))
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void aRenewalNeverReachesPastTheSessionsEnd() throws Exception {
        Accounts.SignedIn user = accounts.signUp("ending-session");
        Instant signedIn = clock.instant().minus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        String token = renewedToken(user.token(), signedIn);

        MvcResult result = mvc.perform(get("/api/personalInformation").with(bearer(token)))
                .andExpect(jsonPath("$.data.username").value(user.username())).andReturn();

        Claims renewed = claims(result.getResponse().getHeader(HttpHeaders.AUTHORIZATION));
        assertThat(renewed.getExpiration().toInstant())
                .isCloseTo(signedIn.plus(Duration.ofDays(30)), within(Duration.ofSeconds(2)));
        assertThat(renewed.get(JwtService.SIGNED_IN_CLAIM, Long.class)).isEqualTo(signedIn.toEpochMilli());
    }

    @Test
    void loginStartsASessionThatRenewalsCarryOn() throws Exception {
        Accounts.SignedIn user = accounts.signUp("fresh-session");
        long signedIn = claims(user.token()).get(JwtService.SIGNED_IN_CLAIM, Long.class);

        MvcResult result = mvc.perform(get("/api/personalInformation").with(bearer(user.token()))).andReturn();

        assertThat(claims(result.getResponse().getHeader(HttpHeaders.AUTHORIZATION)).get(JwtService.SIGNED_IN_CLAIM, Long.class))
                .isEqualTo(signedIn);
    }

    /** The user's token as the server would have renewed it an hour ago, for a session signed in at {@code signedIn}. */
    private String renewedToken(String original, Instant signedIn) {
        Claims claims = claims(original);
        Instant renewed = clock.instant().minus(Duration.ofHours(1));
        return Jwts.builder().claims(claims).claim(JwtService.SIGNED_IN_CLAIM, signedIn.toEpochMilli())
                .issuedAt(Date.from(renewed)).expiration(Date.from(renewed.plus(Duration.ofHours(24))))
                .signWith(signingKey.key(), Jwts.SIG.HS256).compact();
    }

    private Claims claims(String token) {
        assertThat(token).isNotBlank();
        return Jwts.parser().verifyWith(signingKey.key()).build().parseSignedClaims(token).getPayload();
    }
}
