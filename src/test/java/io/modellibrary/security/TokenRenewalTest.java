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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sliding expiry: each response to a request with a valid token carries a fresh 24-hour token. */
@FullStackTest
class TokenRenewalTest {

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
    void anAuthenticatedReadCarriesARenewedTokenForTheSameUser() throws Exception {
        Accounts.SignedIn user = accounts.signUp("renew");
        Claims original = claims(user.token());
        String nearlyExpired = Jwts.builder().claims(original).issuedAt(Date.from(clock.instant().minus(Duration.ofHours(23))))
                .expiration(Date.from(clock.instant().plusSeconds(60))).signWith(signingKey.key(), Jwts.SIG.HS256).compact();

        MvcResult result = mvc.perform(get("/api/modelLabel").with(bearer(nearlyExpired)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.msg").value("success"))
                .andReturn();

        Claims renewed = claims(result.getResponse().getHeader(HttpHeaders.AUTHORIZATION));
        assertThat(renewed.getSubject()).isEqualTo(original.getSubject());
        assertThat(renewed.get("username", String.class)).isEqualTo(user.username());
        assertThat(renewed.getIssuer()).isEqualTo("model-library");
        assertThat(renewed.getExpiration().toInstant()).isCloseTo(clock.instant().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
        mvc.perform(get("/api/personalInformation").with(bearer(result.getResponse().getHeader(HttpHeaders.AUTHORIZATION))))
                .andExpect(jsonPath("$.data.username").value(user.username()));
    }

    @Test
    void errorResponsesToAuthenticatedRequestsAreRenewedToo() throws Exception {
        Accounts.SignedIn user = accounts.signUp("renew");

        mvc.perform(delete("/api/personalInformation").with(user.bearer()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void publiclyCachedAvatarsNeverCarryAToken() throws Exception {
        Accounts.SignedIn user = accounts.signUp("cache");

        mvc.perform(get("/images/defaultAvatar.png").with(user.bearer()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("public")))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void anonymousResponsesCarryNoToken() throws Exception {
        mvc.perform(get("/api/modelLabel"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        mvc.perform(get("/api/modelLabel").with(bearer("not-a-token")))
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        mvc.perform(delete("/api/personalInformation"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
    }

    private Claims claims(String token) {
        assertThat(token).isNotBlank();
        return Jwts.parser().verifyWith(signingKey.key()).build().parseSignedClaims(token).getPayload();
    }
}
