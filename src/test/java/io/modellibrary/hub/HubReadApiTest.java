package io.modellibrary.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Repository info, lists, tree, paths-info, commits and refs in the Hub's shapes. */
@FullStackTest
class HubReadApiTest {

    static final byte[] LARGE = HubFixtures.bytes((int) HubLfs.THRESHOLD + 10, 3);
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();

    Accounts.SignedIn alice;
    String repo;
    String first;
    String second;

    @BeforeEach
    void repository() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.md", HubFixtures.text("---\nlicense: mit\ntags:\n- text\npipeline_tag: fill-mask\nlibrary_name: transformers\n"
                + "language: [en, fr]\ndatasets: [wikipedia]\n---\n# Bert\n"));
        files.put("config.json", HubFixtures.text("{}"));
        files.put("sub/dir/model.bin", LARGE);
        files.put("sub/notes.txt", HubFixtures.text("notes"));
        HubFixtures.Published bert = fixtures.bert("hubapi", false, "First commit\n\nwith a body", files);
        alice = bert.owner();
        repo = bert.id();
        first = bert.commit();
        second = fixtures.commit(alice, RepoType.MODEL, "bert", "main", "Second", Map.of("extra.txt", HubFixtures.text("x")));
    }

    @Test
    void infoNamesTheResolvedCommitTheFilesAndTheCardData() throws Exception {
        mvc.perform(get("/api/models/" + repo).param("expand[]", "likes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(repo))
                .andExpect(jsonPath("$._id").isString())
                .andExpect(jsonPath("$.sha").value(second))
                .andExpect(jsonPath("$.private").value(false))
                .andExpect(jsonPath("$.gated").value(false))
                .andExpect(jsonPath("$.disabled").value(false))
                .andExpect(jsonPath("$.author").value(alice.username()))
                .andExpect(jsonPath("$.downloads").value(0))
                .andExpect(jsonPath("$.likes").value(0))
                .andExpect(jsonPath("$.lastModified", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")))
                .andExpect(jsonPath("$.createdAt").isString())
                .andExpect(jsonPath("$.cardData.license").value("mit"))
                .andExpect(jsonPath("$.cardData.tags[0]").value("text"))
                // transformers' pipeline(model=...) reads pipeline_tag and library_name (pipelines/__init__.py get_task)
                .andExpect(jsonPath("$.pipeline_tag").value("fill-mask"))
                .andExpect(jsonPath("$.library_name").value("transformers"))
                .andExpect(jsonPath("$.tags").value(org.hamcrest.Matchers.contains("text", "transformers", "fill-mask", "en", "fr",
                        "license:mit", "dataset:wikipedia")))
                .andExpect(jsonPath("$.siblings.length()").value(5))
                .andExpect(jsonPath("$.siblings[?(@.rfilename == 'sub/dir/model.bin')]").exists())
                .andExpect(jsonPath("$.siblings[0].size").doesNotExist());
        mvc.perform(get(URI.create("/api/models/" + repo + "/revision/" + first + "?blobs=True&expand=pipeline_tag&expand=private")))
                .andExpect(jsonPath("$.sha").value(first))
                .andExpect(jsonPath("$.siblings.length()").value(4))
                .andExpect(jsonPath("$.siblings[?(@.rfilename == 'sub/dir/model.bin')].lfs.sha256").value(HubFixtures.sha256(LARGE)))
                .andExpect(jsonPath("$.siblings[?(@.rfilename == 'config.json')].blobId").value(HubFixtures.gitSha1(HubFixtures.text("{}"))));
        mvc.perform(get(URI.create("/api/models/" + repo + "/revision/HEAD"))).andExpect(jsonPath("$.sha").value(second));
        mvc.perform(get(URI.create("/api/models/" + repo + "/revision/refs%2Fheads%2Fmain"))).andExpect(jsonPath("$.sha").value(second));
        mvc.perform(get("/api/models/" + repo + "/revision/nope"))
                .andExpect(status().isNotFound()).andExpect(header().string("X-Error-Code", "RevisionNotFound"));
    }

    @Test
    void listsFilterByAuthorAndPageWithAnAbsoluteLink() throws Exception {
        fixtures.create(alice, RepoType.MODEL, "second", false);
        fixtures.create(alice, RepoType.MODEL, "third", true);
        MvcResult page = mvc.perform(get(URI.create("/api/models?author=" + alice.username() + "&limit=1&expand=downloads")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(header().string("Link", matchesPattern("<http://localhost(:\\d+)?/api/models\\?author=.*&limit=1&expand=downloads&offset=1>; rel=\"next\"")))
                .andReturn();
        JsonNode all = JSON.readTree(mvc.perform(get("/api/models").param("author", alice.username())).andReturn().getResponse().getContentAsString());
        assertThat(all.findValuesAsText("id")).containsExactlyInAnyOrder(repo, alice.username() + "/second");
        JsonNode own = JSON.readTree(mvc.perform(get("/api/models").param("author", alice.username()).with(alice.bearer()))
                .andReturn().getResponse().getContentAsString());
        assertThat(own.findValuesAsText("id")).contains(alice.username() + "/third");
        assertThat(page.getResponse().getContentAsString()).doesNotContain("third");
    }

    /**
     * {@code list_models(cardData=True)}, {@code list_datasets(full=True)}, {@code expand=cardData} ({@code expand[]} too):
     * each item carries its card at the head of {@code main}, and a new commit's card shows at once; unasked, none.
     */
    @Test
    void listsCarryTheCardDataAtTheHeadWhenAskedForIt() throws Exception {
        String list = "/api/models?author=" + alice.username();
        assertThat(JSON.readTree(body(list)).get(0).get("cardData").isNull()).isTrue();
        for (String asked : List.of("&cardData=true", "&cardData=True", "&expand=cardData", "&expand=likes&expand=cardData", "&expand%5B%5D=cardData")) {
            JsonNode item = JSON.readTree(body(list + asked)).get(0);
            assertThat(item.at("/cardData/license").asText()).as(asked).isEqualTo("mit");
            assertThat(item.get("pipeline_tag").asText()).as(asked).isEqualTo("fill-mask");
            assertThat(item.get("tags").toString()).as(asked).contains("\"license:mit\"");
        }
        fixtures.commit(alice, RepoType.MODEL, "bert", "main", "New card", Map.of("README.md", HubFixtures.text("---\nlicense: apache-2.0\n---\n")));
        assertThat(JSON.readTree(body(list + "&cardData=true")).get(0).at("/cardData/license").asText()).isEqualTo("apache-2.0");

        fixtures.create(alice, RepoType.DATASET, "corpus", false);
        fixtures.commit(alice, RepoType.DATASET, "corpus", "main", "Card", Map.of("README.md", HubFixtures.text("---\nlicense: cc-by-4.0\n---\n")));
        String datasets = "/api/datasets?author=" + alice.username();
        assertThat(JSON.readTree(body(datasets + "&full=true")).get(0).at("/cardData/license").asText()).isEqualTo("cc-by-4.0");
        assertThat(JSON.readTree(body(datasets)).get(0).get("cardData").isNull()).isTrue();
    }

    /**
     * {@code list_models(full=True)}: each item carries its head commit as {@code sha} and its files as {@code siblings}
     * (they were null: a newcomer's probe), as {@code expand=sha} / {@code expand[]=siblings} ask too; unasked, neither.
     */
    @Test
    void aFullListCarriesTheHeadCommitAndTheFiles() throws Exception {
        String list = "/api/models?author=" + alice.username();
        String head = JSON.readTree(body("/api/models/" + alice.username() + "/bert")).get("sha").asText();
        JsonNode plain = JSON.readTree(body(list)).get(0);
        assertThat(plain.get("sha").isNull()).isTrue();
        assertThat(plain.get("siblings").isNull()).isTrue();
        for (String asked : List.of("&full=true", "&full=True", "&expand=sha&expand=siblings", "&expand%5B%5D=siblings")) {
            JsonNode item = JSON.readTree(body(list + asked)).get(0);
            assertThat(item.get("sha").asText()).as(asked).isEqualTo(head);
            assertThat(item.get("siblings").findValuesAsText("rfilename")).as(asked).contains("README.md");
        }
    }

    /**
     * Front matter that is valid YAML but not JSON as it stands (a number or a null as a key, an alias that contains
     * itself) made every list asked for cardData answer 500 for everyone (a newcomer's probe): keys become their text,
     * as the Hub's Python writes them, and a card that contains itself is no card.
     */
    @Test
    void aCardWithKeysJsonLacksOrThatContainsItselfBreaksNoList() throws Exception {
        fixtures.create(alice, RepoType.MODEL, "odd-keys", false);
        fixtures.commit(alice, RepoType.MODEL, "odd-keys", "main", "Card", Map.of("README.md", HubFixtures.text("---\n1: one\n~: x\n---\n")));
        fixtures.create(alice, RepoType.MODEL, "loop", false);
        fixtures.commit(alice, RepoType.MODEL, "loop", "main", "Card", Map.of("README.md", HubFixtures.text("---\na: &x\n  b: *x\n---\n")));
        JsonNode items = JSON.readTree(body("/api/models?author=" + alice.username() + "&cardData=true"));
        for (JsonNode item : items) {
            if (item.get("id").asText().endsWith("/odd-keys")) {
                assertThat(item.at("/cardData/1").asText()).isEqualTo("one");
                assertThat(item.at("/cardData/null").asText()).isEqualTo("x");
            }
            if (item.get("id").asText().endsWith("/loop")) {
                assertThat(item.get("cardData").isNull()).isTrue();
            }
        }
        assertThat(JSON.readTree(body("/api/models/" + alice.username() + "/loop")).get("cardData").isNull()).isTrue();
        assertThat(JSON.readTree(body("/api/models/" + alice.username() + "/odd-keys")).at("/cardData/1").asText()).isEqualTo("one");
    }

    private String body(String url) throws Exception {
        return mvc.perform(get(URI.create(url))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** {@code list_models(filter=..., pipeline_tag=...)}: tags matched against the catalogue's labels; an unknown tag lists nothing. */
    @Test
    void listsFilterByTagsAndPipelineTagOnTheCataloguesLabels() throws Exception {
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + alice.username()
                        + "/labelled\",\"isPrivate\":false,\"activeFilters\":{\"task\":[\"Text Classification\"],\"library\":[\"PyTorch\"],\"language\":[\"English\"]}}"))
                .andExpect(jsonPath("$.msg").value("success"));
        String labelled = alice.username() + "/labelled";
        for (String query : List.of("filter=pytorch", "filter=library:pytorch", "filter=pytorch&filter=text-classification",
                "filter=PyTorch,english", "pipeline_tag=text-classification", "pipeline_tag=text-classification&filter=pytorch")) {
            JsonNode found = JSON.readTree(mvc.perform(get(URI.create("/api/models?author=" + alice.username() + "&" + query)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(found.findValuesAsText("id")).as(query).containsExactly(labelled);
            assertThat(found.get(0).get("pipeline_tag").asText()).isEqualTo("text-classification"); // the task label, as @huggingface/hub shows it
        }
        for (String query : List.of("filter=zzzz-nonexistent", "filter=pytorch&filter=german", "pipeline_tag=fill-mask",
                "filter=task:pytorch")) {
            JsonNode found = JSON.readTree(mvc.perform(get(URI.create("/api/models?author=" + alice.username() + "&" + query)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(found.findValuesAsText("id")).as(query).isEmpty();
        }
    }

    @Test
    void treeListsAFolderOrEverythingWithLfsDataAndLastCommits() throws Exception {
        mvc.perform(get("/api/models/" + repo + "/tree/main"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].type").value("directory"))
                .andExpect(jsonPath("$[0].path").value("sub"))
                .andExpect(jsonPath("$.length()").value(4));
        mvc.perform(get(URI.create("/api/models/" + repo + "/tree/main/sub%2Fdir?recursive=True&expand=true")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].path").value("sub/dir/model.bin"))
                .andExpect(jsonPath("$[0].size").value(LARGE.length))
                .andExpect(jsonPath("$[0].oid", matchesPattern("[0-9a-f]{40}")))
                .andExpect(jsonPath("$[0].lfs.oid").value(HubFixtures.sha256(LARGE)))
                .andExpect(jsonPath("$[0].lfs.size").value(LARGE.length))
                .andExpect(jsonPath("$[0].lfs.pointerSize").isNumber())
                .andExpect(jsonPath("$[0].lastCommit.id").value(first))
                .andExpect(jsonPath("$[0].lastCommit.title").value("First commit"))
                .andExpect(jsonPath("$[0].xetHash").doesNotExist());
        JsonNode all = JSON.readTree(mvc.perform(get("/api/models/" + repo + "/tree/" + first).param("recursive", "true"))
                .andReturn().getResponse().getContentAsString());
        assertThat(all.findValuesAsText("path")).containsExactly("sub", "sub/dir", "sub/dir/model.bin", "sub/notes.txt",
                "config.json", "README.md");
        mvc.perform(get("/api/models/" + repo + "/tree/main/nope"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "EntryNotFound"))
                .andExpect(header().string("X-Repo-Commit", second));
    }

    @Test
    void aRecursiveTreeOfMoreThanOnePageListsEveryFileOnceFollowingLink() throws Exception {
        fixtures.create(alice, RepoType.DATASET, "many", false);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 1200; i++) {
            files.put("part" + (i % 3) + "/shard" + (i / 3 % 7) + "/f" + i + ".txt", HubFixtures.text("file " + i));
        }
        fixtures.commit(alice, RepoType.DATASET, "many", "main", "many files", files);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String url = "/api/datasets/" + alice.username() + "/many/tree/main?recursive=true&expand=false";
        int pages = 0;
        while (url != null) {
            MvcResult result = mvc.perform(get(URI.create(url))).andExpect(status().isOk()).andReturn();
            pages++;
            JsonNode page = JSON.readTree(result.getResponse().getContentAsString());
            page.forEach(e -> {
                if (e.get("type").asText().equals("file")) {
                    seen.add(e.get("path").asText());
                }
            });
            String link = result.getResponse().getHeader("Link");
            url = link == null ? null : link.substring(link.indexOf("http://localhost") + "http://localhost".length(), link.indexOf('>'));
        }
        assertThat(pages).isEqualTo(2);
        assertThat(seen).hasSize(1200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files.keySet());
    }

    @Test
    void pathsInfoTakesFormAndJsonBodiesAndLeavesMissingPathsOut() throws Exception {
        mvc.perform(post("/api/models/" + repo + "/paths-info/main").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("paths=config.json&paths=sub&paths=missing.txt&expand=True"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].path").value("config.json"))
                .andExpect(jsonPath("$[0].lastCommit.id").value(first))
                .andExpect(jsonPath("$[1].type").value("directory"));
        mvc.perform(post("/api/models/" + repo + "/paths-info/" + first).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paths\":[\"sub/dir/model.bin\",\"extra.txt\"],\"expand\":false}"))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].lfs.oid").value(HubFixtures.sha256(LARGE)));
    }

    @Test
    void commitsAreNewestFirstAndPagedAndRefsListBranchesAndTags() throws Exception {
        mvc.perform(get(URI.create("/api/models/" + repo + "/commits/main?limit=1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(second))
                .andExpect(jsonPath("$[0].title").value("Second"))
                .andExpect(jsonPath("$[0].authors[0].user").value(alice.username()))
                .andExpect(jsonPath("$[0].date").isString())
                .andExpect(header().string("Link", matchesPattern("<http://localhost(:\\d+)?/api/models/.*/commits/main\\?limit=1&p=1>; rel=\"next\"")));
        mvc.perform(get("/api/models/" + repo + "/commits/main").param("limit", "1").param("p", "1").param("expand[]", "formatted"))
                .andExpect(jsonPath("$[0].id").value(first))
                .andExpect(jsonPath("$[0].message").value("First commit\n\nwith a body"))
                .andExpect(jsonPath("$[0].formatted.title").value("First commit"))
                .andExpect(header().doesNotExist("Link"));
        mvc.perform(get("/api/models/" + repo + "/refs"))
                .andExpect(jsonPath("$.branches[0].name").value("main"))
                .andExpect(jsonPath("$.branches[0].ref").value("refs/heads/main"))
                .andExpect(jsonPath("$.branches[0].targetCommit").value(second))
                .andExpect(jsonPath("$.converts").isArray())
                .andExpect(jsonPath("$.tags").isArray());
    }
}
