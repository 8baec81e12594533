package io.modellibrary.catalog;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.org.OrgFixtures;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static io.modellibrary.support.Users.carol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Creating, changing, renaming and deleting repositories. */
@EmptyCatalogueTest
@ExtendWith(OutputCaptureExtension.class)
class RepoWriteTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    OrgFixtures orgs;

    @BeforeEach
    void empty() {
        fixtures.clearCatalogue();
        orgs.acme();
    }

    @Test
    void createAnswersTheSeedShapeWithServerSetFields() throws Exception {
        create("model", """
                {"name":"alice/bert-tiny","isPrivate":false,"description":"a tiny BERT",
                 "activeFilters":{"task":["Fill-Mask"],"language":["English","German"]}}""", alice())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.activeFilters.task[0]").value("Fill-Mask"))
                .andExpect(jsonPath("$.data.activeFilters.library").isArray())
                .andExpect(jsonPath("$.data.options.name").value("alice/bert-tiny"))
                .andExpect(jsonPath("$.data.options.author").value("alice"))
                .andExpect(jsonPath("$.data.options.avatar").value(matchesPattern("/images/.+")))
                .andExpect(jsonPath("$.data.options.downloads").value(0))
                .andExpect(jsonPath("$.data.options.lastModifiedInformation").value("create alice/bert-tiny"))
                .andExpect(jsonPath("$.data.options.id").value(matchesPattern("[0-9a-f]{24}")))
                .andExpect(jsonPath("$.data.options.isPrivate").value(false));
        mvc.perform(get("/api/modelList").param("task", "fill-mask"))
                .andExpect(jsonPath("$.data.modelList[0].name").value("alice/bert-tiny"));
    }

    @Test
    void serverOwnedFieldsInTheBodyChangeNothing() throws Exception {
        create("model", """
                {"name":"alice/honest","owner":"bob","author":"mallory","downloads":999999,"likes":77,
                 "id":"000000000000000000000000","_id":"000000000000000000000001",
                 "lastModified":"2001-01-01T00:00:00.000Z","avatar":"/images/evil.svg"}""", alice())
                .andExpect(jsonPath("$.data.options.author").value("alice"))
                .andExpect(jsonPath("$.data.options.downloads").value(0))
                .andExpect(jsonPath("$.data.options.likes").value(0))
                .andExpect(jsonPath("$.data.options.avatar").value("/images/defaultAvatar.png"))
                .andExpect(jsonPath("$.data.options.id").value(org.hamcrest.Matchers.not("000000000000000000000000")));
        mvc.perform(patch("/api/model").param("name", "alice/honest").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"owner\":\"bob\",\"downloads\":5,\"likes\":5,\"author\":\"bob\",\"lastModified\":\"2001-01-01T00:00:00.000Z\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.options.author").value("alice"))
                .andExpect(jsonPath("$.data.options.downloads").value(0))
                .andExpect(jsonPath("$.data.options.likes").value(0))
                .andExpect(jsonPath("$.data.options.lastModified", org.hamcrest.Matchers.startsWith("20")))
                .andExpect(jsonPath("$.data.options.lastModified", org.hamcrest.Matchers.not(containsString("2001"))));
        // bob still cannot change it: the owner did not move
        mvc.perform(patch("/api/model").param("name", "alice/honest").with(as(bob()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"isPrivate\":true}")).andExpect(status().isForbidden());
    }

    @Test
    void aTakenNameIsItemAlreadyExists() throws Exception {
        create("model", "{\"name\":\"alice/shared-name\"}", alice()).andExpect(jsonPath("$.msg").value("success"));
        create("model", "{\"name\":\"alice/shared-name\"}", alice())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("item already exists"));
        create("dataset", "{\"name\":\"alice/shared-name\"}", alice()).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void bareNamesOfDifferentUsersLandInTheirOwnNamespaces() throws Exception {
        create("model", "{\"name\":\"shared-name\"}", alice()).andExpect(jsonPath("$.data.options.name").value("alice/shared-name"));
        create("model", "{\"name\":\"shared-name\"}", bob()).andExpect(jsonPath("$.data.options.name").value("bob/shared-name"));
        create("model", "{\"name\":\"shared-name\"}", bob()).andExpect(jsonPath("$.msg").value("item already exists"));
    }

    @Test
    void racingCreatesOfOneNameMakeOneRepository() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> create("model", "{\"name\":\"alice/race\"}", alice()).andReturn().getResponse().getContentAsString());
        }
        List<String> answers = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(tasks)) {
            answers.add(JsonPath.read(f.get(), "$.msg"));
        }
        pool.shutdown();
        assertThat(answers).filteredOn("success"::equals).hasSize(1);
        assertThat(answers).filteredOn("item already exists"::equals).hasSize(15);
        mvc.perform(get("/api/modelList").param("name", "alice/race")).andExpect(jsonPath("$.data.numTotalItems").value(1));
    }

    @Test
    void namespacesBelongToTheirUserOrTeam() throws Exception {
        create("model", "{\"name\":\"alice/mine\"}", bob())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.msg", containsString("alice")));
        create("model", "{\"name\":\"acme/team-model\"}", bob()).andExpect(status().isForbidden());
        create("model", "{\"name\":\"acme/team-model\"}", carol()).andExpect(jsonPath("$.msg").value("success"));
        // alice is in acme too: she may change carol's team repository; bob may not
        mvc.perform(patch("/api/model").param("name", "acme/team-model").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"by the team\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.options.description").value("by the team"));
        mvc.perform(delete("/api/model").param("name", "acme/team-model").with(as(bob())))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b/c", "../etc", "alice/..", "alice/", "/x", "bad name", "bad$name", "ünïcode"})
    void invalidNamesAreRefused(String name) throws Exception {
        create("model", "{\"name\":\"" + name + "\"}", alice())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg", containsString("name")));
    }

    @Test
    void overlongNameIsRefused() throws Exception {
        create("model", "{\"name\":\"alice/" + "x".repeat(96) + "\"}", alice()).andExpect(status().isBadRequest());
    }

    @Test
    void labelsAreValidated() throws Exception {
        create("model", "{\"name\":\"alice/l1\",\"activeFilters\":{\"size\":[\"n<1K\"]}}", alice())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg", containsString("size")));
        create("model", "{\"name\":\"alice/l2\",\"activeFilters\":{\"task\":[\"" + "x".repeat(65) + "\"]}}", alice())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg", containsString("64")));
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append('"');
        }
        create("model", "{\"name\":\"alice/l3\",\"activeFilters\":{\"task\":[" + labels + "]}}", alice())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg", containsString("20")));
        create("model", "{\"name\":{\"$ne\":null}}", alice()).andExpect(status().isBadRequest());
    }

    @Test
    void newLabelsJoinTheLabelLists() throws Exception {
        create("dataset", "{\"name\":\"alice/ds\",\"activeFilters\":{\"other\":[\"Weather Data\"]}}", alice());
        mvc.perform(get("/api/datasetLabel"))
                .andExpect(jsonPath("$.data.other", org.hamcrest.Matchers.hasItem("Weather Data")));
    }

    @Test
    void patchChangesLabelsAndVisibilityImmediately() throws Exception {
        create("model", "{\"name\":\"alice/vis\",\"activeFilters\":{\"task\":[\"Fill-Mask\"]}}", alice());
        mvc.perform(patch("/api/model").param("name", "alice/vis").with(as(alice()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"isPrivate\":true,\"activeFilters\":{\"task\":[\"Translation\"]}}"))
                .andExpect(jsonPath("$.data.options.isPrivate").value(true))
                .andExpect(jsonPath("$.data.activeFilters.task[0]").value("Translation"))
                .andExpect(jsonPath("$.data.options.lastModifiedInformation").value("update alice/vis"));
        mvc.perform(get("/api/model").param("name", "alice/vis")).andExpect(jsonPath("$.msg").value("no such item"));
        mvc.perform(get("/api/modelList")).andExpect(jsonPath("$.data.numTotalItems").value(0));
        mvc.perform(get("/api/model").param("name", "alice/vis").with(as(alice()))).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/api/modelList").param("task", "translation").with(as(alice())))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.numTotalItems").value(1));
    }

    @Test
    void renameMovesTheRepositoryAndTheOldNameKeepsAnswering(CapturedOutput output) throws Exception {
        create("model", "{\"name\":\"alice/old\"}", alice());
        create("model", "{\"name\":\"alice/taken\"}", alice());
        rename("alice/old", "alice/taken").andExpect(jsonPath("$.msg").value("item already exists"));
        rename("alice/old", "alice/TAKEN").andExpect(jsonPath("$.msg").value("item already exists"));
        // a user's taken name is no server error: nothing in the operator's log (the database's "failed to handle")
        assertThat(output.getAll()).doesNotContain("failed to handle").doesNotContain("E11000");
        rename("alice/old", "bob/stolen").andExpect(status().isForbidden());
        rename("alice/old", "acme/moved").andExpect(status().isOk())
                .andExpect(jsonPath("$.data.options.name").value("acme/moved"));
        mvc.perform(get("/api/model").param("name", "alice/old"))
                .andExpect(jsonPath("$.data.options.name").value("acme/moved"));
        mvc.perform(get("/api/model").param("name", "acme/moved")).andExpect(jsonPath("$.msg").value("success"));
        // now a team repository: carol (acme) may change it
        mvc.perform(patch("/api/model").param("name", "acme/moved").with(as(carol()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"x\"}")).andExpect(status().isOk());
    }

    @Test
    void deleteThenRecreateGivesACleanRepository() throws Exception {
        create("model", "{\"name\":\"alice/again\",\"activeFilters\":{\"task\":[\"Fill-Mask\"]}}", alice());
        mvc.perform(post("/api/like").param("name", "alice/again").with(as(bob()))).andExpect(jsonPath("$.data.likes").value(1));
        mvc.perform(put("/api/files/text").with(as(alice())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"alice/again\",\"type\":\"model\",\"path\":\"README.md\",\"content\":\"old\",\"message\":\"card\"}"))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/model").param("name", "alice/again").with(as(alice())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/api/model").param("name", "alice/again")).andExpect(jsonPath("$.msg").value("no such item"));
        create("model", "{\"name\":\"alice/again\"}", alice())
                .andExpect(jsonPath("$.data.options.likes").value(0))
                .andExpect(jsonPath("$.data.activeFilters.task").isEmpty());
        mvc.perform(post("/api/like").param("name", "alice/again").with(as(bob()))).andExpect(jsonPath("$.data.likes").value(1));
        mvc.perform(get("/api/filesTable").param("name", "alice/again"))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.filesTable").isEmpty());
        mvc.perform(get("/api/files/download").param("name", "alice/again").param("path", "README.md"))
                .andExpect(status().isNotFound());
    }

    @Test
    void writesWithoutATokenAre401() throws Exception {
        mvc.perform(post("/api/model").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("no login"));
        mvc.perform(get("/api/personalFiles")).andExpect(status().isUnauthorized());
    }

    private ResultActions create(String type, String json, io.modellibrary.security.CurrentUser user) throws Exception {
        return mvc.perform(post("/api/" + type).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions rename(String from, String to) throws Exception {
        return mvc.perform(patch("/api/model").param("name", from).with(as(alice()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"" + to + "\"}"));
    }
}
