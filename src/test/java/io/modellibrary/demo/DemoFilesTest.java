package io.modellibrary.demo;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.CatalogChanged;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.Versions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Demo repositories have real files and history (docs/decisions.md P2), made in the
 * background after the catalogue loads, and their owners' names are taken by member-less
 * organisations, so registering {@code dslim} gives nobody {@code dslim/bert-base-NER}; and
 * {@code modellibrary.demo-size} sets how many repositories it holds. (One class, so that one
 * surefire JVM loads the demo context: two classes may be run by both.)
 */
@FullStackTest
@TestPropertySource(properties = {"modellibrary.demo-data=true", "modellibrary.demo-size=" + DemoFilesTest.DEMO_SIZE})
class DemoFilesTest {

    /**
     * A demo catalogue of 60 rather than 450: every seed model (30) and generated models and
     * datasets, their files made in the background in a second or two instead of many.
     */
    static final int DEMO_SIZE = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    DemoFiles demoFiles;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Versions versions;
    @Autowired
    BlobCollector collector;
    @Autowired
    ApplicationEventPublisher events;

    @BeforeEach
    void waitForTheBackgroundFiles() throws Exception {
        assertThat(demoFiles.awaitFinished(Duration.ofMinutes(3))).as("demo files made within 3 minutes").isTrue();
    }

    @Test
    void aDemoModelHasACardAConfigAndHistoryEndingAsTheCatalogueSays() throws Exception {
        String name = "dslim/bert-base-NER";
        JsonNode detail = json(get("/api/model").param("name", name));
        String information = detail.path("data").path("options").path("lastModifiedInformation").asString();
        String lastModified = detail.path("data").path("options").path("lastModified").asString();

        JsonNode table = json(get("/api/filesTable").param("name", name)).path("data").path("filesTable");
        List<String> files = new ArrayList<>();
        table.forEach(entry -> files.add(entry.path("fileName").asString()));
        assertThat(files).contains(".gitattributes", "README.md", "config.json", "tokenizer_config.json", "model.safetensors");

        String readme = json(get("/api/getBlob").param("filepath", "/model/" + enc(name) + "/blob/main/README.md"))
                .path("data").path("displayData").asString();
        assertThat(readme).startsWith("---\n").contains("pipeline_tag: token-classification", "license: ", "language:");
        String config = json(get("/api/getBlob").param("filepath", "/model/" + enc(name) + "/blob/main/config.json"))
                .path("data").path("displayData").asString();
        assertThat(config).contains("\"BertForTokenClassification\"", "\"B-PER\"");

        JsonNode commits = json(get("/api/commits").param("name", name)).path("data").path("list");
        assertThat(commits.size()).isEqualTo(3);
        assertThat(commits.get(0).path("message").asString()).isEqualTo(information);
        assertThat(commits.get(0).path("author").asString()).isEqualTo("dslim");
        assertThat(commits.get(commits.size() - 1).path("message").asString()).isEqualTo("Initial commit");
        assertThat(Instant.parse(commits.get(0).path("time").asString()))
                .as("the last commit is dated as the catalogue's lastModified, which it left unchanged")
                .isEqualTo(Instant.parse(lastModified));
        assertThat(Instant.parse(commits.get(1).path("time").asString())).isBefore(Instant.parse(lastModified));
    }

    @Test
    void aDemoDatasetHasACardWithItsTaskAndDataFiles() throws Exception {
        Repo dataset = mongo.findOne(Query.query(Criteria.where("type").is("dataset")), Repo.class);
        String name = dataset.getName();
        JsonNode table = json(get("/api/filesTable").param("name", name).param("type", "dataset")).path("data").path("filesTable");
        List<String> files = new ArrayList<>();
        table.forEach(entry -> files.add(entry.path("fileName").asString()));
        assertThat(files).contains("data", "README.md");
        JsonNode data = json(get("/api/filesTable").param("name", name).param("type", "dataset").param("path", "data"))
                .path("data").path("filesTable");
        assertThat(data.size()).isEqualTo(2);
        String readme = json(get("/api/getBlob").param("filepath", "/dataset/" + enc(name) + "/blob/main/README.md"))
                .path("data").path("displayData").asString();
        String task = DemoContent.slug(dataset.getActiveFilters().get("task").get(0));
        assertThat(readme).startsWith("---\n").contains("task_categories:\n  - " + task);
        JsonNode commits = json(get("/api/commits").param("name", name).param("type", "dataset")).path("data").path("list");
        assertThat(commits.get(0).path("message").asString()).isEqualTo(dataset.getLastModifiedInformation());
    }

    /** {@code modellibrary.demo-size} scales the demo catalogue (the benchmark loads 10,000; the default is 450). */
    @Test
    void demoSizeSetsHowManyRepositoriesTheDemoCatalogueHolds() throws Exception {
        mvc.perform(get("/api/modelList"))
                .andExpect(jsonPath("$.data.numTotalItems").value(44)); // 60 × 330 / 450
        mvc.perform(get("/api/datasetList"))
                .andExpect(jsonPath("$.data.numTotalItems").value(16));
        mvc.perform(get("/api/model").param("name", "dslim/bert-base-NER"))
                .andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void theContentIsTheSameEveryTime() {
        Repo repo = mongo.findOne(Query.query(Criteria.where("name").is("openai/whisper-base")), Repo.class);
        List<DemoContent.Commit> once = DemoContent.of(repo);
        List<DemoContent.Commit> again = DemoContent.of(repo);
        assertThat(again).hasSameSizeAs(once);
        for (int i = 0; i < once.size(); i++) {
            assertThat(again.get(i).message()).isEqualTo(once.get(i).message());
            assertThat(again.get(i).time()).isEqualTo(once.get(i).time());
            assertThat(again.get(i).files().keySet()).isEqualTo(once.get(i).files().keySet());
            for (Map.Entry<String, byte[]> file : once.get(i).files().entrySet()) {
                assertThat(Arrays.equals(again.get(i).files().get(file.getKey()), file.getValue())).as(file.getKey()).isTrue();
            }
        }
    }

    @Test
    void aRestartFinishesAHalfDoneRepositoryAndLeavesFinishedOnesAlone() throws Exception {
        Repo fresh = new Repo(RepoType.MODEL, "halfdone-org/tiny-gpt2", "halfdone-org", "halfdone-org", DemoRepos.AVATAR);
        fresh.setFacets(Map.of("task", List.of("Text Generation"), "library", List.of("PyTorch")));
        fresh.touch(Instant.parse("2024-01-01T00:00:00Z"), "create");
        fresh.touch(Instant.parse("2024-03-01T00:00:00Z"), "Upload model weights");
        fresh = mongo.insert(fresh);
        try {
            Repo done = mongo.findOne(Query.query(Criteria.where("name").is("dslim/bert-base-NER")), Repo.class);
            long doneHead = versions.resolve(done.getId(), Versions.MAIN).orElseThrow().seq();
            // a first start that stopped after the first commit
            DemoContent.Commit first = DemoContent.of(fresh).get(0);
            String id = fresh.getId();
            try (BlobWriter writer = collector.writer()) {
                List<Edit> edits = new ArrayList<>();
                for (Map.Entry<String, byte[]> file : first.files().entrySet()) {
                    BlobWriter.StoredBlob blob = writer.store(new ByteArrayInputStream(file.getValue()), file.getValue().length);
                    edits.add(Edit.put(file.getKey(), blob.sha256(), blob.size()));
                }
                writer.flush();
                writer.reference(id);
                versions.commit(id, Versions.MAIN, "halfdone-org", first.message(), null, edits, () -> true, first.time());
            }

            DemoFiles.schedule(mongo, List.of(id, done.getId()));
            demoFiles.fillPending();

            CommitDoc head = versions.resolve(id, Versions.MAIN).orElseThrow();
            assertThat(head.seq()).isEqualTo(3);
            assertThat(head.message()).isEqualTo("Upload model weights");
            assertThat(head.time()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
            assertThat(versions.resolve(done.getId(), Versions.MAIN).orElseThrow().seq()).isEqualTo(doneHead);
            assertThat(mongo.findById(DemoFiles.PENDING, org.bson.Document.class, DemoFiles.COLLECTION)).isNull();
        } finally { // demoSizeSetsHowManyRepositoriesTheDemoCatalogueHolds counts the demo catalogue
            mongo.remove(fresh);
            events.publishEvent(new CatalogChanged(RepoType.MODEL));
        }
    }

    @Test
    void demoOwnersAreOrganisationsNobodyCanRegisterOrJoinIntoRights() throws Exception {
        mvc.perform(multipart("/api/register/submitUserInfo").param("username", "dslim").param("password", Accounts.PASSWORD))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("user name registered"));
        mvc.perform(multipart("/api/register/submitUserInfo").param("username", "Demo").param("password", Accounts.PASSWORD))
                .andExpect(jsonPath("$.msg").value("user name registered"));
        mvc.perform(get("/api/orgs/dslim"))
                .andExpect(jsonPath("$.data.name").value("dslim"))
                .andExpect(jsonPath("$.data.repositories[*].name", hasItem("dslim/bert-base-NER")));

        // naming the team at registration files no join request (no admin could answer it) and gives no rights
        Accounts.SignedIn stranger = accounts.signUp("stranger", "dslim");
        mvc.perform(get("/api/orgs").with(stranger.bearer()))
                .andExpect(jsonPath("$.data.requests").isEmpty());
        mvc.perform(post("/api/orgs/dslim/requests").with(stranger.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value("dslim has no admin who could answer a join request"));
        mvc.perform(get("/dslim").cookie(new jakarta.servlet.http.Cookie(io.modellibrary.security.WebPages.SESSION_COOKIE, stranger.token())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Request to join"))))
                .andExpect(content().string(containsString("this organisation has no admin")));
        String text = "{\"name\":\"dslim/bert-base-NER\",\"type\":\"model\",\"path\":\"README.md\",\"content\":\"mine now\"}";
        mvc.perform(put("/api/files/text").contentType(MediaType.APPLICATION_JSON).content(text).with(stranger.bearer()))
                .andExpect(status().is4xxClientError());
        mvc.perform(get("/api/orgs/dslim").with(stranger.bearer()))
                .andExpect(jsonPath("$.data.yourRole").doesNotExist());
        mvc.perform(get("/api/getBlob").param("filepath", "/model/" + enc("dslim/bert-base-NER") + "/blob/main/README.md"))
                .andExpect(jsonPath("$.data.displayData", not(containsString("mine now"))));
    }

    private JsonNode json(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return JSON.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
