package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.json;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Branches and tags, writes to a branch, and every form of revision string. */
@EmptyCatalogueTest
class BranchesAndRevisionsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MongoTemplate mongo;

    private Repo saved;

    private HistoryClient newRepo(String stem) {
        String name = uniqueName(stem);
        saved = fixtures.model(name).owner("alice").save();
        return new HistoryClient(mvc, name);
    }

    private JsonNode refs(HistoryClient repo) throws Exception {
        return json(mvc.perform(get("/api/refs").param("name", repo.name())).andExpect(status().isOk()).andReturn()).path("data");
    }

    @Test
    void aBranchTakesWritesWhileMainStaysAndATagStaysPinned() throws Exception {
        HistoryClient repo = newRepo("branches");
        String base = repo.write("README.md", "base");
        repo.createRef("branch", "dev", "main").andExpect(status().isOk())
                .andExpect(jsonPath("$.data.ref").value("refs/heads/dev"))
                .andExpect(jsonPath("$.data.targetCommit").value(base));
        repo.createRef("tag", "v1.0", null).andExpect(status().isOk()).andExpect(jsonPath("$.data.targetCommit").value(base));

        String onDev = repo.write("dev.txt", "dev only", "dev");
        String onMain = repo.write("README.md", "moved on");
        assertThat(repo.tree("main")).containsOnlyKeys("README.md");
        assertThat(repo.tree("dev")).containsOnlyKeys("README.md", "dev.txt");
        assertThat(new String(repo.download("README.md", "v1.0"), StandardCharsets.UTF_8)).isEqualTo("base");
        assertThat(new String(repo.download("README.md", "refs/tags/v1.0"), StandardCharsets.UTF_8)).isEqualTo("base");
        assertThat(new String(repo.download("README.md", "refs/heads/dev"), StandardCharsets.UTF_8)).isEqualTo("base");
        assertThat(repo.log("dev", null)).containsExactly(onDev, base);
        assertThat(repo.log(null, null)).containsExactly(onMain, base);

        JsonNode refs = refs(repo);
        assertThat(refs.path("branches").findValuesAsString("name")).containsExactly("main", "dev");
        assertThat(refs.path("branches").get(0).path("targetCommit").asString()).isEqualTo(onMain);
        assertThat(refs.path("tags").findValuesAsString("name")).containsExactly("v1.0");
        assertThat(refs.path("tags").get(0).path("targetCommit").asString()).isEqualTo(base);

        mvc.perform(delete("/api/refs").param("name", repo.name()).param("ref", "branch").param("refName", "dev").with(alice()))
                .andExpect(status().isOk());
        assertThat(refs(repo).path("branches").findValuesAsString("name")).containsExactly("main");
        assertThat(repo.tree(onDev)).containsOnlyKeys("README.md", "dev.txt");
        mvc.perform(get("/api/filesTable").param("name", repo.name()).param("revision", "dev"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such revision: dev"));
        mvc.perform(delete("/api/refs").param("name", repo.name()).param("ref", "branch").param("refName", "dev").with(alice()))
                .andExpect(status().isNotFound());
    }

    @Test
    void tagsNeverMoveAndABranchAndATagNeverShareAName() throws Exception {
        HistoryClient repo = newRepo("names");
        String base = repo.write("a.txt", "a");
        repo.createRef("tag", "v1", "main").andExpect(status().isOk());
        repo.createRef("branch", "v1", "main").andExpect(status().isConflict())
                .andExpect(jsonPath("$.msg").value("a tag named v1 already exists"));
        repo.createRef("tag", "v1", "main").andExpect(status().isConflict());
        repo.createRef("tag", "main", "main").andExpect(status().isConflict());
        mvc.perform(put(repo, "b.txt", "v1")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("branch: v1 is a tag, and tags never move"));
        mvc.perform(put(repo, "b.txt", "nope")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("no such branch: nope"));
        repo.restore(base, null, "v1").andExpect(status().isBadRequest());
        mvc.perform(delete("/api/refs").param("name", repo.name()).param("ref", "branch").param("refName", "main").with(alice()))
                .andExpect(status().isBadRequest());
        for (String bad : new String[] {"refs/pr/1", "a..b", "-x/", "abcdef1", "HEAD", "a b", "x".repeat(101)}) {
            repo.createRef("branch", bad, "main").andExpect(status().isBadRequest());
        }
        repo.createRef("branch", "feature/x", base).andExpect(status().isOk());
        repo.createRef("branch", "new", "unknown").andExpect(status().isNotFound());
        mvc.perform(delete("/api/refs").param("name", repo.name()).param("ref", "tag").param("refName", "v1").with(alice()))
                .andExpect(status().isOk());
        repo.createRef("branch", "v1", "main").andExpect(status().isOk());
        String filepath = "/model/" + URLEncoder.encode(repo.name(), StandardCharsets.UTF_8) + "/blob/feature%2Fx/a.txt";
        mvc.perform(get("/api/getBlob").param("filepath", filepath)).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.displayData").value("a"));
    }

    private static org.springframework.test.web.servlet.RequestBuilder put(HistoryClient repo, String path, String branch) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/files/text")
                .contentType(MediaType.APPLICATION_JSON).with(alice())
                .content("{\"name\":\"" + repo.name() + "\",\"path\":\"" + path + "\",\"content\":\"x\",\"branch\":\"" + branch + "\"}");
    }

    @Test
    void aUniquePrefixWorksEverywhereAndAnAmbiguousOneIsNamed() throws Exception {
        HistoryClient repo = newRepo("prefixes");
        String first = repo.write("a.txt", "first");
        String second = repo.write("a.txt", "second");
        String prefix = first.substring(0, 7);

        assertThat(new String(repo.download("a.txt", prefix), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(new String(repo.download("a.txt", first.toUpperCase()), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(repo.tree(first.substring(0, 12))).containsOnlyKeys("a.txt");
        assertThat(repo.log(prefix, null)).containsExactly(first);
        assertThat(repo.diff(prefix, second.substring(0, 9))).hasSize(1);
        String filepath = "/model/" + URLEncoder.encode(repo.name(), StandardCharsets.UTF_8) + "/blob/" + prefix + "/a.txt";
        mvc.perform(get("/api/getBlob").param("filepath", filepath)).andExpect(jsonPath("$.data.displayData").value("first"));
        mvc.perform(get("/api/getPrevAndNewFile").param("name", repo.name()).param("commit", prefix))
                .andExpect(jsonPath("$.data[0].newData").value("first"));

        String twin = prefix + (first.charAt(7) == '0' ? "1" : "0") + "0".repeat(32);
        mongo.getCollection("commits").insertOne(new Document("_id", twin).append("repoId", saved.getId())
                .append("parents", java.util.List.of()).append("seq", 1L).append("changeCount", 0)
                .append("changes", java.util.List.of()).append("message", "twin").append("author", "alice"));
        mongo.getCollection("commitPrefixes").updateOne(eq("_id", saved.getId() + ":" + prefix), addToSet("ids", twin));
        mvc.perform(get("/api/filesTable").param("name", repo.name()).param("revision", prefix))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("ambiguous revision: " + prefix + " is the prefix of 2 commits"));
        assertThat(new String(repo.download("a.txt", first.substring(0, 8)), StandardCharsets.UTF_8)).isEqualTo("first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "../x", "..", "0123456", "abc", "main/../x", "refs/pr/1", "refs/heads/none", "refs/tags/none",
            "%2e%2e", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "ffffffffffffffffffffffffffffffffffffffff", "g000000000000000000000000000000000000000"})
    void anUnknownRevisionIsA404NamingIt(String revision) throws Exception {
        HistoryClient repo = newRepo("unknown");
        repo.write("a.txt", "a");
        mvc.perform(get("/api/filesTable").param("name", repo.name()).param("revision", revision))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such revision: " + revision));
        mvc.perform(get("/api/files/download").param("name", repo.name()).param("path", "a.txt").param("revision", revision))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such revision: " + revision));
        mvc.perform(get("/api/commits").param("name", repo.name()).param("revision", revision)).andExpect(status().isNotFound());
        mvc.perform(get("/api/commits/diff").param("name", repo.name()).param("to", revision)).andExpect(status().isNotFound());
        mvc.perform(get("/api/commits/diff").param("name", repo.name()).param("from", revision)).andExpect(status().isNotFound());
    }

    @Test
    void anEncodedSlashInGetBlobsRevisionIsOneRevision() throws Exception {
        HistoryClient repo = newRepo("encoded");
        repo.write("a.txt", "a");
        String base = "/model/" + URLEncoder.encode(repo.name(), StandardCharsets.UTF_8) + "/blob/";
        mvc.perform(get("/api/getBlob").param("filepath", base + "refs%2Fpr%2F1/a.txt"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such revision: refs/pr/1"));
        mvc.perform(get("/api/getBlob").param("filepath", base + "../x/a.txt")).andExpect(status().isNotFound());
        mvc.perform(get("/api/getBlob").param("filepath", base + "refs%2Fheads%2Fmain/a.txt")).andExpect(status().isOk());
        mvc.perform(get("/api/getBlob").param("filepath", base + "%zz/a.txt")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/filesTable").param("name", repo.name()).param("revision", "x".repeat(300)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theClientsBareStringFormAnswersTheNewestCommitAsABareList() throws Exception {
        HistoryClient repo = newRepo("bare");
        mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON).content("\"" + repo.name() + "\""))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isArray()).andExpect(jsonPath("$.length()").value(0));
        repo.write("config.json", "{}");
        String head = repo.write("config.json", "{\\\"a\\\": 1}");
        mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON).content("\"" + repo.name() + "\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].oldFileName").value("config.json"))
                .andExpect(jsonPath("$[0].newFileName").value("config.json"))
                .andExpect(jsonPath("$[0].prevData").value("{}"))
                .andExpect(jsonPath("$[0].newData").value("{\"a\": 1}"));
        mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + repo.name() + "\",\"commit\":\"" + head.substring(0, 7) + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.data[0].newData").value("{\"a\": 1}"));
        mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON).content("\"alice/none-such\""))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.msg").value("no such item"));
        for (String bad : new String[] {"42", "[1]", "{\"type\":\"model\"}", "not json", "\"\""}) {
            mvc.perform(post("/api/getPrevAndNewFile").contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value(0));
        }
        mvc.perform(get("/api/commits/diff").param("name", repo.name()))
                .andExpect(jsonPath("$.data.to").value(head))
                .andExpect(jsonPath("$.data.files[0].oldSize").value(2))
                .andExpect(jsonPath("$.data.files[0].newSha256", startsWith("")))
                .andExpect(jsonPath("$.data.complete").value(true));
    }
}
