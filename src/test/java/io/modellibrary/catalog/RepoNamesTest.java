package io.modellibrary.catalog;

import io.modellibrary.org.OrgFixtures;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** docs/http-contract.md#names: names without case, the namespace-less pool, the client's create flow, visibility fields. */
@EmptyCatalogueTest
class RepoNamesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Accounts accounts;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OrgFixtures orgs;

    @BeforeEach
    void empty() {
        fixtures.clearCatalogue();
        mongo.remove(new Query(), RepoAlias.class);
    }

    @Test
    void namesDifferingOnlyInCaseAreOneRepositoryShownAsCreated() throws Exception {
        create("{\"name\":\"alice/bert-tiny\"}", alice()).andExpect(jsonPath("$.msg").value("success"));
        create("{\"name\":\"alice/BERT-Tiny\"}", alice()).andExpect(jsonPath("$.msg").value("item already exists"));
        mvc.perform(get("/api/model").param("name", "ALICE/Bert-TINY"))
                .andExpect(jsonPath("$.data.options.name").value("alice/bert-tiny"));
        create("{\"name\":\"alice/Other\"}", alice());
        rename("alice/Other", "alice/BERT-TINY", alice()).andExpect(jsonPath("$.msg").value("item already exists"));
        rename("alice/Other", "alice/OTHER", alice()).andExpect(jsonPath("$.data.options.name").value("alice/OTHER"));
    }

    @Test
    void aRenamedNamespaceLessRepositoryKeepsItsNameAndFiles() throws Exception {
        fixtures.model("tiny-gpt").owner("alice").save();
        writeFile("tiny-gpt", "README.md", "alice's card", alice());
        rename("tiny-gpt", "alice/tiny-gpt", alice()).andExpect(jsonPath("$.data.options.name").value("alice/tiny-gpt"));

        create("{\"name\":\"tiny-gpt\"}", bob()).andExpect(jsonPath("$.data.options.name").value("bob/tiny-gpt"));
        writeFile("bob/tiny-gpt", "README.md", "bob's card", bob());

        mvc.perform(get("/api/model").param("name", "tiny-gpt")).andExpect(jsonPath("$.data.options.name").value("alice/tiny-gpt"));
        mvc.perform(get("/api/model").param("name", "TINY-gpt").with(as(bob())))
                .andExpect(jsonPath("$.data.options.name").value("alice/tiny-gpt"));
        mvc.perform(get("/api/files/download").param("name", "tiny-gpt").param("path", "README.md"))
                .andExpect(status().isOk()).andExpect(content().string("alice's card"));
        mvc.perform(get("/api/filesTable").param("name", "tiny-gpt"))
                .andExpect(jsonPath("$.data.filesTable[0].fileURL", containsString("alice%2Ftiny-gpt")));
        mvc.perform(get("/api/getBlob").param("filepath", "/model/tiny-gpt/blob/main/README.md"))
                .andExpect(jsonPath("$.data.displayData").value("alice's card"));
        mvc.perform(post("/api/like").param("name", "tiny-gpt").with(as(bob()))).andExpect(jsonPath("$.data.name").value("alice/tiny-gpt"));
        // its page at the old bare name sends a browser to the new one, the query kept
        mvc.perform(get("/tiny-gpt?from=old")).andExpect(status().isFound()).andExpect(redirectedUrl("/alice/tiny-gpt?from=old"));
        // The old bare name stays alice's: nobody else may rename onto it, and she may go back.
        rename("bob/tiny-gpt", "tiny-gpt", bob()).andExpect(status().isBadRequest());
        rename("tiny-gpt", "tiny-gpt", alice()).andExpect(status().isOk());
        rename("alice/tiny-gpt", "tiny-gpt", alice()).andExpect(jsonPath("$.data.options.name").value("tiny-gpt"));
        mvc.perform(get("/api/model").param("name", "alice/tiny-gpt")).andExpect(jsonPath("$.data.options.name").value("tiny-gpt"));
    }

    @Test
    void anOldNamespacedNameIsTakenOverByANewRepositoryOfTheSameOwner() throws Exception {
        create("{\"name\":\"alice/first\"}", alice());
        rename("alice/first", "alice/second", alice());
        mvc.perform(get("/api/model").param("name", "alice/first")).andExpect(jsonPath("$.data.options.name").value("alice/second"));
        create("{\"name\":\"alice/first\"}", bob()).andExpect(status().isForbidden());
        create("{\"name\":\"alice/first\"}", alice()).andExpect(jsonPath("$.data.options.name").value("alice/first"));
        mvc.perform(get("/api/model").param("name", "alice/first")).andExpect(jsonPath("$.data.options.lastModifiedInformation").value("create alice/first"));
        mvc.perform(get("/api/model").param("name", "alice/second")).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void aPrivateNamespaceLessRepositoryAnswersCreatesAndRenamesLikeAnAbsentOne() throws Exception {
        fixtures.model("hidden").owner("alice").privateRepo().save();
        mvc.perform(get("/api/model").param("name", "hidden").with(as(bob()))).andExpect(jsonPath("$.msg").value("no such item"));
        String taken = answer(create("{\"name\":\"hidden\"}", bob()));
        String free = answer(create("{\"name\":\"nothing-here\"}", bob()));
        assertThat(taken.replace("hidden", "X")).isEqualTo(free.replace("nothing-here", "X"));
        create("{\"name\":\"bob/source\"}", bob());
        String renameTaken = answer(rename("bob/source", "hidden", bob()));
        String renameFree = answer(rename("bob/source", "nothing-else", bob()));
        assertThat(renameTaken.replace("hidden", "X")).isEqualTo(renameFree.replace("nothing-else", "X"));
        // bob's own bob/hidden answers to the bare name for him; alice still has hers.
        mvc.perform(get("/api/model").param("name", "hidden").with(as(bob()))).andExpect(jsonPath("$.data.options.name").value("bob/hidden"));
        mvc.perform(get("/api/model").param("name", "hidden").with(as(alice()))).andExpect(jsonPath("$.data.options.name").value("hidden"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theWebClientsCreateFlowWorks(boolean isPrivate) throws Exception {
        for (String type : List.of("model", "dataset")) {
            Accounts.SignedIn creator = accounts.signUp("client", "iSS");
            String body = """
                    {"name":"my-repo","author":"%s","team":"iSS","avatar":"/images/defaultAvatar.png","type":"%s",
                     "isPrivate":%s,"activeFilters":{"task":["Fill-Mask"],"library":[],"dataset":[],"language":[],"other":[]}}"""
                    .formatted(creator.username(), type, isPrivate);
            mvc.perform(post("/api/" + type).with(creator.bearer()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(jsonPath("$.msg").value("success"))
                    .andExpect(jsonPath("$.data.options.name").value(creator.username() + "/my-repo"));
            mvc.perform(get("/api/" + type).param("name", "my-repo").with(creator.bearer()))
                    .andExpect(jsonPath("$.msg").value("success"))
                    .andExpect(jsonPath("$.data.options.name").value(creator.username() + "/my-repo"))
                    .andExpect(jsonPath("$.data.author").value(creator.username()))
                    .andExpect(jsonPath("$.data.isPrivate").value(isPrivate))
                    .andExpect(jsonPath("$.data.avatar").value("/images/defaultAvatar.png"))
                    .andExpect(jsonPath("$.data.lastModified").isString())
                    .andExpect(jsonPath("$.data.activeFilters.task[0]").value("Fill-Mask"));
            mvc.perform(get("/api/" + type).param("name", creator.username() + "/my-repo"))
                    .andExpect(jsonPath("$.msg").value(isPrivate ? "no such item" : "success"));
        }
    }

    @Test
    void anAuthorOutsideTheCallersNamespacesIsRefused() throws Exception {
        orgs.acme();
        create("{\"name\":\"x\",\"author\":\"bob\"}", alice()).andExpect(status().isForbidden());
        create("{\"name\":\"x\",\"author\":\"acme\"}", alice()).andExpect(jsonPath("$.data.options.name").value("acme/x"));
        create("{\"name\":\"x\",\"author\":\"a b\"}", alice()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg", containsString("author")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"IsPrivate\":true", "\"is_private\":true", "\"visibility\":\"private\"",
            "\"isPrivate\":\"maybe\"", "\"isPrivate\":[true]", "\"isPrivate\":true,\"private\":false"})
    void unreadableVisibilityIsRefusedNotMadePublic(String field) throws Exception {
        create("{\"name\":\"alice/vis\"," + field + "}", alice())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg", containsString("rivate")));
        mvc.perform(get("/api/model").param("name", "alice/vis").with(as(alice()))).andExpect(jsonPath("$.msg").value("no such item"));
    }

    @Test
    void aVisibilityGivenTwiceIsRefusedNotMadePublic() throws Exception {
        create("{\"name\":\"alice/twice\",\"isPrivate\":true,\"isPrivate\":false}", alice())
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/model").param("name", "alice/twice").with(as(alice()))).andExpect(jsonPath("$.msg").value("no such item"));
    }

    @Test
    void privateIsAcceptedBesideIsPrivate() throws Exception {
        create("{\"name\":\"alice/hub-style\",\"private\":true}", alice()).andExpect(jsonPath("$.data.options.isPrivate").value(true));
        mvc.perform(patch("/api/model").param("name", "alice/hub-style").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"private\":false}"))
                .andExpect(jsonPath("$.data.options.isPrivate").value(false));
    }

    @Test
    void existingNamesClashingByCaseAreSeparatedAtStartUp() {
        mongo.indexOps(Repo.class).dropIndex(RepoNameKeys.UNIQUE_INDEX);
        Date older = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
        Date younger = Date.from(Instant.parse("2021-01-01T00:00:00Z"));
        mongo.insert(new Document("type", "model").append("name", "acme/Clash").append("owner", "acme").append("createdAt", younger), Repo.COLLECTION);
        mongo.insert(new Document("type", "model").append("name", "acme/clash").append("owner", "acme").append("createdAt", older), Repo.COLLECTION);
        RepoNameKeys.ensure(mongo);
        RepoNameKeys.ensure(mongo); // idempotent
        List<Document> after = mongo.find(Query.query(Criteria.where("owner").is("acme")), Document.class, Repo.COLLECTION);
        assertThat(after).extracting(d -> d.getString("name")).containsExactlyInAnyOrder("acme/clash", "acme/Clash-2");
        assertThat(after).extracting(d -> d.getString("nameLower")).containsExactlyInAnyOrder("acme/clash", "acme/clash-2");
        assertThat(mongo.indexOps(Repo.class).getIndexInfo()).anyMatch(i -> i.getName().equals(RepoNameKeys.UNIQUE_INDEX) && i.isUnique());
    }

    private ResultActions create(String json, CurrentUser user) throws Exception {
        return mvc.perform(post("/api/model").with(as(user)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions rename(String from, String to, CurrentUser user) throws Exception {
        return mvc.perform(patch("/api/model").param("name", from).with(as(user))
                .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"" + to + "\"}"));
    }

    private void writeFile(String repo, String path, String text, CurrentUser user) throws Exception {
        mvc.perform(put("/api/files/text").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + repo + "\",\"path\":\"" + path + "\",\"content\":\"" + text + "\"}"))
                .andExpect(status().isOk());
    }

    /** Status and body without the parts that differ per repository (ids, times). */
    private static String answer(ResultActions result) throws Exception {
        var response = result.andReturn().getResponse();
        return response.getStatus() + " " + response.getContentAsString()
                .replaceAll("\"id\":\"[0-9a-f]{24}\"", "\"id\":\"?\"")
                .replaceAll("\"lastModified\":\"[^\"]+\"", "\"lastModified\":\"?\"");
    }
}
