package io.modellibrary.security;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.function.Function;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Only tokens we signed, with our algorithm, unexpired, for a user who still exists, sign
 * a caller in. Everything else leaves the caller anonymous: the profile answers
 * {@code no login} and a protected path 401. A protected path the caller reaches
 * answers 405 here (no write endpoint takes DELETE on the profile).
 */
@FullStackTest
class TokenTamperingTest {

    private static final String PROTECTED = "/api/personalInformation";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    SigningKey signingKey;
    @Autowired
    MongoTemplate mongo;
    /** The server's clock: other test classes of the shared context move it forward (a token's times are judged by it). */
    @Autowired
    java.time.Clock clock;

    private Forger forger;

    @BeforeEach
    void signUp() {
        Accounts.SignedIn user = accounts.signUp("tamper");
        String id = mongo.findOne(Query.query(Criteria.where("username").is(user.username())),
                org.bson.Document.class, "users").getObjectId("_id").toHexString();
        forger = new Forger(signingKey.key(), id, user.username(), user.token(), clock);
    }

    enum Case {
        ISSUED_BY_LOGIN(true, f -> "Bearer " + f.issued()),
        ISSUED_BY_LOGIN_BARE(true, Forger::issued),
        BEARER_IN_LOWER_CASE(true, f -> "bearer " + f.issued()),
        FORGED_WITH_OUR_KEY(true, f -> "Bearer " + f.hs256(f.claims().expiration(f.in(Duration.ofMinutes(5))))),
        EXPIRED(false, f -> "Bearer " + f.hs256(f.claims().expiration(f.in(Duration.ofMinutes(-1))))),
        WITHOUT_EXP(false, f -> "Bearer " + f.hs256(f.claims())),
        ANOTHER_KEY(false, f -> "Bearer " + f.claims().expiration(f.in(Duration.ofHours(1)))
                .signWith(Keys.hmacShaKeyFor(new byte[64]), Jwts.SIG.HS256).compact()),
        ALG_NONE(false, f -> "Bearer " + f.claims().expiration(f.in(Duration.ofHours(1))).compact()),
        HS512_WITH_OUR_KEY(false, f -> "Bearer " + f.claims().expiration(f.in(Duration.ofHours(1)))
                .signWith(f.key(), Jwts.SIG.HS512).compact()),
        HEADER_SWAPPED_TO_HS512(false, f -> "Bearer " + f.swapAlgorithm(f.issued(), "HS512")),
        HEADER_SWAPPED_TO_NONE(false, f -> "Bearer " + f.swapAlgorithm(f.issued(), "none")),
        PAYLOAD_EDITED(false, f -> "Bearer " + f.editPayload(f.issued())),
        ANOTHER_ISSUER(false, f -> "Bearer " + f.hs256(f.claims().issuer("someone-else").expiration(f.in(Duration.ofHours(1))))),
        UNKNOWN_USER(false, f -> "Bearer " + f.hs256(f.claims().subject("0123456789abcdef01234567").expiration(f.in(Duration.ofHours(1))))),
        GARBAGE(false, f -> "Bearer x"),
        GARBAGE_BARE(false, f -> "not.a.token"),
        EMPTY_BEARER(false, f -> "Bearer "),
        BASIC_SCHEME(false, f -> "Basic dGFtcGVyOmNvcnJlY3QgaG9yc2UgYmF0dGVyeSBzdGFwbGU=");

        final boolean accepted;
        final Function<Forger, String> header;

        Case(boolean accepted, Function<Forger, String> header) {
            this.accepted = accepted;
            this.header = header;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void onlyOurOwnValidTokensSignIn(Case c) throws Exception {
        String header = c.header.apply(forger);

        mvc.perform(get("/api/personalInformation").header(HttpHeaders.AUTHORIZATION, header))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(c.accepted ? 1 : 0))
                .andExpect(jsonPath("$.msg").value(c.accepted ? "success" : "no login"));
        mvc.perform(delete(PROTECTED).header(HttpHeaders.AUTHORIZATION, header))
                .andExpect(status().is(c.accepted ? 405 : 401))
                .andExpect(jsonPath("$.msg").value(c.accepted ? "method DELETE is not allowed here" : "no login"));
    }

    @Test
    void aDeletedUsersTokenNoLongerSignsIn() throws Exception {
        mongo.remove(Query.query(Criteria.where("username").is(forger.username())), "users");

        mvc.perform(get("/api/personalInformation").with(Accounts.bearer(forger.issued())))
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        mvc.perform(delete(PROTECTED).with(Accounts.bearer(forger.issued())))
                .andExpect(status().isUnauthorized());
    }

    /** Builds tokens as an attacker (or a careless client) might. */
    record Forger(SecretKey key, String userId, String username, String issued, java.time.Clock clock) {

        io.jsonwebtoken.JwtBuilder claims() {
            return Jwts.builder().subject(userId).claim("username", username).issuer("model-library")
                    .issuedAt(Date.from(clock.instant()));
        }

        Date in(Duration duration) {
            return Date.from(clock.instant().plus(duration));
        }

        String hs256(io.jsonwebtoken.JwtBuilder builder) {
            return builder.signWith(key, Jwts.SIG.HS256).compact();
        }

        String swapAlgorithm(String token, String algorithm) {
            String[] parts = token.split("\\.");
            return encode("{\"alg\":\"" + algorithm + "\"}") + "." + parts[1] + "." + parts[2];
        }

        String editPayload(String token) {
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String edited = payload.replaceFirst("\"exp\":\\d+", "\"exp\":9999999999");
            return parts[0] + "." + encode(edited) + "." + parts[2];
        }

        private static String encode(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
