package io.modellibrary.security;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Access tokens: shown once, stored hashed, at most their role, revoked at once; whoami-v2 in the Hub's shape. */
@FullStackTest
class AccessTokenTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aTokenIsShownOnceWithItsPrefixAndStoredOnlyAsAHash() throws Exception {
        Accounts.SignedIn user = accounts.signUp("scripter");
        Members.Token token = members.token(user, "write");

        assertThat(token.token()).matches("hf_[A-Za-z0-9_-]{43}");
        String list = members.ok(get("/api/tokens").with(user.bearer()));
        assertThat(list).contains(token.id(), "\"role\":\"write\"", "\"lastUsedAt\":null").doesNotContain(token.token());
        Document stored = mongo.findOne(Query.query(Criteria.where("publicId").is(token.id())), Document.class, "accessTokens");
        assertThat(stored.toJson()).doesNotContain(token.token());
        assertThat(stored.getString("_id")).isEqualTo(AccessTokens.hash(token.token()));
    }

    @Test
    void aTokenIssuedEarlierWithTheOldPrefixKeepsWorking() throws Exception {
        Accounts.SignedIn user = accounts.signUp("legacy");
        Members.Token current = members.token(user, "write");
        Document stored = mongo.findById(AccessTokens.hash(current.token()), Document.class, "accessTokens");
        String legacy = AccessTokens.LEGACY_PREFIX + current.token().substring(AccessTokens.PREFIX.length());
        stored.put("_id", AccessTokens.hash(legacy));
        stored.put("publicId", "0123456789abcdef");
        mongo.insert(stored, "accessTokens");

        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(legacy)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value(user.username()));
        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(current.token())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value(user.username()));
        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(AccessTokens.LEGACY_PREFIX + "unknown")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aReadTokenReadsPrivateRepositoriesAndItsWritesAre403AndStoreNothing() throws Exception {
        Accounts.SignedIn user = accounts.signUp("reader");
        members.createModel(user.bearer(), user.username() + "/private", true).andExpect(jsonPath("$.msg").value("success"));
        Members.Token read = members.token(user, "read");

        mvc.perform(get("/api/model").param("name", user.username() + "/private").with(Accounts.bearer(read.token())))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
        members.createModel(Accounts.bearer(read.token()), user.username() + "/by-token", false)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.msg").value("this access token is read-only"));
        mvc.perform(get("/api/model").param("name", user.username() + "/by-token").with(user.bearer()))
                .andExpect(jsonPath("$.msg").value("no such item"));
        mvc.perform(post("/api/tokens").with(Accounts.bearer(read.token())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"escalate\",\"role\":\"write\"}")).andExpect(status().isForbidden());
    }

    @Test
    void aWriteTokenWritesAsItsUserAndARevokedOneIsRefusedAtOnce() throws Exception {
        Accounts.SignedIn user = accounts.signUp("writer");
        Members.Token write = members.token(user, "write");
        members.createModel(Accounts.bearer(write.token()), user.username() + "/by-token", false)
                .andExpect(jsonPath("$.data.options.author").value(user.username()));
        mvc.perform(post("/api/tokens").with(Accounts.bearer(write.token())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"more\",\"role\":\"write\"}")).andExpect(status().isForbidden());

        members.revoke(user, write);
        members.createModel(Accounts.bearer(write.token()), user.username() + "/after-revoke", false).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/personalInformation").with(Accounts.bearer(write.token()))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/model").param("name", user.username() + "/by-token").with(Accounts.bearer(write.token())))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("invalid or revoked access token"));
    }

    @Test
    void whoamiAnswersInTheHubsShape() throws Exception {
        Accounts.SignedIn user = accounts.signUp("hubuser");
        String org = Accounts.uniqueName("hub-org");
        members.createOrg(user, org);
        Members.Token read = members.token(user, "read");

        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(read.token())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("user"))
                .andExpect(jsonPath("$.name").value(user.username()))
                .andExpect(jsonPath("$.orgs[0].name").value(org))
                .andExpect(jsonPath("$.orgs[0].roleInOrg").value("admin"))
                // absolute, as the Hub sends avatars: a client shows the URL as is
                .andExpect(jsonPath("$.avatarUrl").value("http://localhost/images/defaultAvatar.png"))
                .andExpect(jsonPath("$.orgs[0].avatarUrl").value("http://localhost/images/defaultAvatar.png"))
                .andExpect(jsonPath("$.auth.type").value("access_token"))
                .andExpect(jsonPath("$.auth.accessToken.role").value("read"))
                .andExpect(jsonPath("$.auth.accessToken.displayName").value("test read"))
                .andExpect(jsonPath("$.auth.accessToken.createdAt").value(matchesPattern("\\d{4}-.*Z")));
        mvc.perform(get("/api/whoami-v2")).andExpect(status().isUnauthorized());
        assertThat(members.ok(get("/api/tokens").with(user.bearer()))).doesNotContain("\"lastUsedAt\":null");
    }

    @Test
    void malformedTokenRequestsAre400() throws Exception {
        Accounts.SignedIn user = accounts.signUp("careless");
        for (String body : new String[]{"{\"name\":\"x\",\"role\":\"admin\"}", "{\"name\":\"\",\"role\":\"read\"}",
                "{\"name\":\"x\"}", "{\"name\":\"" + "n".repeat(65) + "\",\"role\":\"read\"}"}) {
            mvc.perform(post("/api/tokens").with(user.bearer()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value(0));
        }
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/tokens/nope").with(user.bearer()))
                .andExpect(status().isNotFound());
    }
}
