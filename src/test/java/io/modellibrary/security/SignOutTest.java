package io.modellibrary.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import jakarta.servlet.http.Cookie;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.modellibrary.support.Accounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signing out on the web page ends that session on the server: its cookie, copied before, and
 * every token renewed from it are refused by the pages (back to sign-in) and the API (anonymous,
 * 401 where a sign-in is needed), while the user's other sessions carry on. Sessions signed in
 * before session ids existed keep working, and the list of ended sessions stays bounded.
 */
@FullStackTest
class SignOutTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    SigningKey signingKey;
    @Autowired
    JwtService jwt;
    @Autowired
    MongoTemplate mongo;
    /** The server's clock: other test classes of the shared context move it forward (a token's times are judged by it). */
    @Autowired
    Clock clock;

    @Test
    void aCopiedCookieAndItsRenewalsAreRefusedAfterSignOutWhileAnotherBrowserStaysSignedIn() throws Exception {
        Accounts.SignedIn user = accounts.signUp("signout");
        String otherBrowser = accounts.login(user.username());
        String copied = user.token();
        String renewed = renewedCookie(page(copied).andExpect(status().isOk()).andReturn());
        String renewedByApi = mvc.perform(get("/api/personalInformation").with(bearer(copied)))
                .andReturn().getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        mvc.perform(post("/logout").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, renewed)))
                .andExpect(status().is3xxRedirection());

        for (String token : List.of(copied, renewed, renewedByApi)) {
            page(token).andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/login?next=/settings/tokens"));
            signedOut(token);
        }
        page(otherBrowser).andExpect(status().isOk());
        signedIn(otherBrowser, user.username());
    }

    @Test
    void aSessionFromBeforeSessionIdsStillWorksAndSignsOutAloneToo() throws Exception {
        Accounts.SignedIn user = accounts.signUp("legacy");
        Instant now = clock.instant();
        String legacy = withoutSessionId(user.token(), now.minus(Duration.ofHours(2)));
        String otherLegacy = withoutSessionId(user.token(), now.minus(Duration.ofHours(3)));

        MvcResult result = signedIn(legacy, user.username()).andReturn();
        String renewed = result.getResponse().getHeader(HttpHeaders.AUTHORIZATION);
        signedIn(renewed, user.username());

        mvc.perform(post("/logout").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, renewed)))
                .andExpect(status().is3xxRedirection());

        signedOut(legacy);
        signedOut(renewed);
        signedIn(otherLegacy, user.username());
        signedIn(user.token(), user.username());
    }

    @Test
    void theEndedSessionsListStaysBoundedAndBeyondItOnlySessionsSignedInBeforeTheEarliestEndedOneEndToo() throws Exception {
        Accounts.SignedIn user = accounts.signUp("manyout");
        String id = userDocument(user).getObjectId("_id").toHexString();
        Instant start = clock.instant().minus(Duration.ofDays(1));
        int sessions = 110; // one a minute: the 101st to the 110th sign-out each fold the earliest ended one in (minutes 0 to 9)
        String beforeAll = jwt.issue(id, user.username(), start.minusSeconds(30));
        String afterTheFolded = jwt.issue(id, user.username(), start.plus(Duration.ofMinutes(sessions - 101)).plusSeconds(30));
        List<String> signedOut = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String token = jwt.issue(id, user.username(), start.plus(Duration.ofMinutes(i)));
            mvc.perform(post("/logout").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, token)))
                    .andExpect(status().is3xxRedirection());
            signedOut.add(token);
        }

        assertThat(userDocument(user).getList("endedSessions", Document.class)).hasSizeLessThanOrEqualTo(100);
        for (String token : signedOut) {
            signedOut(token);
        }
        signedOut(beforeAll);
        signedIn(afterTheFolded, user.username());
        signedIn(user.token(), user.username());
    }

    @Test
    void anEndedSessionPastTheSessionLifetimeLeavesTheListAtTheNextSignOut() throws Exception {
        Accounts.SignedIn user = accounts.signUp("trimmed");
        Document stale = new Document("sid", "stale-session").append("signedInAt", Date.from(clock.instant().minus(Duration.ofDays(31))));
        Document recent = new Document("sid", "recent-session").append("signedInAt", Date.from(clock.instant().minus(Duration.ofDays(29))));
        mongo.updateFirst(Query.query(Criteria.where("username").is(user.username())),
                new org.springframework.data.mongodb.core.query.Update().set("endedSessions", List.of(stale, recent)), "users");

        mvc.perform(post("/logout").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, user.token())))
                .andExpect(status().is3xxRedirection());

        assertThat(userDocument(user).getList("endedSessions", Document.class)).extracting(d -> d.getString("sid"))
                .hasSize(2).contains("recent-session").doesNotContain("stale-session");
        signedOut(user.token());
    }

    private Document userDocument(Accounts.SignedIn user) {
        return mongo.findOne(Query.query(Criteria.where("username").is(user.username())), Document.class, "users");
    }

    /**
     * A signed-out session is a stale session like an expired one (S19): answered exactly as an expired token,
     * and as a string that is no token at all, everywhere: the same status, body and headers; anonymous where
     * anonymous callers are served, {@code no login} or 401 where a sign-in is needed, the sign-in page on the
     * pages; never a renewed token or cookie.
     */
    @Test
    void anEndedSessionIsAnsweredExactlyAsAnExpiredOneAndAsAnInvalidToken() throws Exception {
        Accounts.SignedIn user = accounts.signUp("stale");
        String ended = accounts.login(user.username());
        mvc.perform(post("/api/account/logout").with(bearer(ended))).andExpect(status().isOk());
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

    private ResultActions page(String token) throws Exception {
        return mvc.perform(get("/settings/tokens").cookie(new Cookie(WebPages.SESSION_COOKIE, token)));
    }

    private ResultActions signedIn(String token, String username) throws Exception {
        return mvc.perform(get("/api/personalInformation").with(bearer(token)))
                .andExpect(jsonPath("$.data.username").value(username));
    }

    private void signedOut(String token) throws Exception {
        mvc.perform(get("/api/personalInformation").with(bearer(token))).andExpect(jsonPath("$.msg").value("no login"));
        mvc.perform(get("/api/whoami-v2").with(bearer(token))).andExpect(status().isUnauthorized());
    }

    /** The session cookie a page's response renewed. */
    private static String renewedCookie(MvcResult result) {
        String set = result.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(WebPages.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }

    /** A token as the server issued them before session ids: the user's claims, signed in at {@code signedIn}, no {@code sid}. */
    private String withoutSessionId(String original, Instant signedIn) {
        Claims claims = Jwts.parser().verifyWith(signingKey.key()).build().parseSignedClaims(original).getPayload();
        assertThat(claims.get(JwtService.SESSION_ID_CLAIM)).isNotNull();
        Instant issued = clock.instant().minus(Duration.ofMinutes(1));
        return Jwts.builder().subject(claims.getSubject()).claim(JwtService.USERNAME_CLAIM, claims.get(JwtService.USERNAME_CLAIM))
                .claim(JwtService.SIGNED_IN_CLAIM, signedIn.toEpochMilli()).issuer(JwtService.ISSUER)
                .issuedAt(Date.from(issued)).expiration(Date.from(issued.plus(Duration.ofHours(24))))
                .signWith(signingKey.key(), Jwts.SIG.HS256).compact();
    }
}
