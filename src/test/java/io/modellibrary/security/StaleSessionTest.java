package io.modellibrary.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.modellibrary.support.Accounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A session ended by sign-out (S18) is a stale session like an expired one (S5), and answers exactly as
 * an expired token does, everywhere: the same status, body and headers as a token that is not a token
 * at all; anonymous where anonymous callers are served, {@code no login} (the seed's answer) or 401 where
 * a sign-in is needed, a sign-in page for the web pages; and never a renewed token or cookie.
 */
@FullStackTest
class StaleSessionTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    SigningKey signingKey;
    /** The server's clock: other test classes of the shared context move it forward (a token's times are judged by it). */
    @Autowired
    Clock clock;

    @Test
    void anEndedSessionIsAnsweredExactlyAsAnExpiredOneAndAsAnInvalidToken() throws Exception {
        Accounts.SignedIn user = accounts.signUp("stale");
        String ended = accounts.login(user.username());
        mvc.perform(post("/api/account/logout").with(bearer(ended)));
        String expired = expired(user.token());

        Map<String, Function<String, RequestBuilder>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /api/personalInformation", token -> get("/api/personalInformation").with(bearer(token)));
        endpoints.put("GET /api/modelLabel (serves anonymous callers)", token -> get("/api/modelLabel").with(bearer(token)));
        endpoints.put("POST /api/model (needs a sign-in)", token -> post("/api/model").with(bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"never\",\"isPrivate\":false}"));
        endpoints.put("GET /api/whoami-v2", token -> get("/api/whoami-v2").with(bearer(token)));
        endpoints.put("GET /settings/tokens (page)", token -> get("/settings/tokens").cookie(new Cookie(WebPages.SESSION_COOKIE, token)));

        for (var endpoint : endpoints.entrySet()) {
            String asInvalid = answer(endpoint.getValue().apply("not-a-token"));
            assertThat(answer(endpoint.getValue().apply(expired))).as(endpoint.getKey() + ", expired").isEqualTo(asInvalid);
            assertThat(answer(endpoint.getValue().apply(ended))).as(endpoint.getKey() + ", signed out").isEqualTo(asInvalid);
        }
        assertThat(answer(endpoints.get("GET /api/personalInformation").apply(ended)))
                .startsWith("200 ").contains("\"msg\":\"no login\"");
        assertThat(answer(endpoints.get("POST /api/model (needs a sign-in)").apply(ended))).startsWith("401 ");
        assertThat(answer(endpoints.get("GET /api/whoami-v2").apply(ended))).startsWith("401 ");
    }

    /** Status, body, and the headers that would sign someone in: what a client sees of the answer. */
    private String answer(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        List<String> cookies = response.getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(WebPages.SESSION_COOKIE + "=")).toList();
        return response.getStatus() + " " + response.getContentAsString() + " Authorization=" + response.getHeader(HttpHeaders.AUTHORIZATION)
                + " session cookies=" + cookies + " Location=" + response.getHeader(HttpHeaders.LOCATION);
    }

    /** The user's token as the server issued it two days ago, expired yesterday (its session still within its lifetime). */
    private String expired(String original) {
        Claims claims = Jwts.parser().verifyWith(signingKey.key()).build().parseSignedClaims(original).getPayload();
        Instant issued = clock.instant().minus(Duration.ofDays(2));
        return Jwts.builder().claims(claims).claim(JwtService.SIGNED_IN_CLAIM, issued.toEpochMilli())
                .issuedAt(Date.from(issued)).expiration(Date.from(issued.plus(Duration.ofDays(1))))
                .signWith(signingKey.key(), Jwts.SIG.HS256).compact();
    }
}
