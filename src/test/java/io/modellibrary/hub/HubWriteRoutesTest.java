package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.content.NewRepositories;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Hub's write routes end to end (docs/hub-api.md §4, §5): repository management, branches
 * and tags, and the Python client's {@code upload_folder} sequence replayed exactly as the
 * "Java test plan" C describes (preupload, LFS batch with {@code sha256}, basic PUT without
 * {@code Authorization}, verify, NDJSON commit), then the files read back through the seed API.
 */
@FullStackTest
class HubWriteRoutesTest {

    private static final String LFS = "application/vnd.git-lfs+json";
    private static final String UA = "huggingface_hub/1.29.0.dev0; python/3.12";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    LfsTransfers lfsTransfers;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private String createRepo(Accounts.SignedIn user, String name) throws Exception {
        mvc.perform(post("/api/repos/create").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"organization\":\"" + user.username() + "\",\"visibility\":\"public\",\"type\":\"model\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.url").value("http://localhost/" + user.username() + "/" + name));
        return user.username() + "/" + name;
    }

    @Test
    void createAnswers409WithTheUrlWhenTheRepositoryExistsAndDeleteRemovesIt() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "bert");
        mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"demo\",\"type\":\"space\",\"sdk\":\"gradio\"}"))
                .andExpect(status().isBadRequest()).andExpect(header().doesNotExist("X-Error-Code"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("Spaces are not supported")));
        mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"bert\",\"organization\":null}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.url").value("http://localhost/" + id))
                .andExpect(jsonPath("$.error").exists());
        mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"ds\",\"type\":\"dataset\",\"private\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.url").value("http://localhost/datasets/" + alice.username() + "/ds"));
        mvc.perform(get("/api/dataset").param("name", alice.username() + "/ds")).andExpect(jsonPath("$.data").doesNotExist());

        mvc.perform(delete("/api/repos/delete").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"bert\",\"organization\":\"" + alice.username() + "\",\"type\":\"model\"}")).andExpect(status().isOk());
        mvc.perform(delete("/api/repos/delete").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"bert\",\"organization\":\"" + alice.username() + "\",\"type\":\"model\"}"))
                .andExpect(status().isNotFound()).andExpect(header().string("X-Error-Code", "RepoNotFound"));
    }

    @Test
    void moveSettingsBranchesAndTags() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "moving");
        commit(alice, id, "main", List.of(fileLine("README.md", "hello".getBytes(StandardCharsets.UTF_8))), null)
                .andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/branch/dev").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"startingPoint\":\"main\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/branch/dev").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isConflict());
        mvc.perform(post("/api/models/" + id + "/tag/main").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"tag\":\"v1\",\"message\":\"first\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/tag/main").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"tag\":\"v1\"}")).andExpect(status().isConflict());
        mvc.perform(get("/api/models/" + id + "/refs")).andExpect(jsonPath("$.branches.length()").value(2))
                .andExpect(jsonPath("$.tags[0].name").value("v1"));
        mvc.perform(delete("/api/models/" + id + "/tag/v1").with(alice.bearer())).andExpect(status().isOk());
        mvc.perform(delete("/api/models/" + id + "/branch/dev").with(alice.bearer())).andExpect(status().isOk());
        mvc.perform(delete("/api/models/" + id + "/branch/dev").with(alice.bearer()))
                .andExpect(status().isNotFound()).andExpect(header().string("X-Error-Code", "RevisionNotFound"));

        mvc.perform(put("/api/models/" + id + "/settings").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        mvc.perform(get("/api/models/" + id + "/refs")).andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RepoNotFound"));
        String moved = alice.username() + "/moved";
        mvc.perform(post("/api/repos/move").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"fromRepo\":\"" + id + "\",\"toRepo\":\"" + moved + "\",\"type\":\"model\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/models/" + moved + "/refs").with(alice.bearer())).andExpect(status().isOk());
    }

    /**
     * {@code update_repo_settings(gated="manual")} was answered 200 and left the repository open to everyone:
     * gating is refused before anything changes, and {@code gated: false} (what every repository here is) passes.
     */
    @Test
    void gatingIsRefusedAndChangesNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "open");
        for (String gated : List.of("\"auto\"", "\"manual\"", "true")) {
            mvc.perform(put("/api/models/" + id + "/settings").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"gated\":" + gated + ",\"visibility\":\"private\"}")).andExpect(status().isBadRequest())
                    .andExpect(header().string("X-Error-Message", org.hamcrest.Matchers.containsString("Gated repositories are not supported")));
        }
        mvc.perform(get("/api/models/" + id)).andExpect(status().isOk()).andExpect(jsonPath("$.private").value(false))
                .andExpect(jsonPath("$.gated").value(false));
        mvc.perform(put("/api/models/" + id + "/settings").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"gated\":false}")).andExpect(status().isOk()).andExpect(jsonPath("$.private").value(false));
    }

    /**
     * Deleting what is not there is {@code EntryNotFound} (it was {@code RepoNotFound}, which the clients report as a missing
     * repository); a folder's path naming a file, or the root, is a 400; nothing is committed.
     */
    @Test
    void deletingWhatIsNotThereOrAFileAsAFolderIsRefusedClearly() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "deletes");
        commit(alice, id, "main", List.of(fileLine("x.txt", new byte[]{1}), fileLine("a/b.txt", new byte[]{2})), null).andExpect(status().isOk());
        for (String line : List.of("{\"key\":\"deletedFile\",\"value\":{\"path\":\"nope.txt\"}}",
                "{\"key\":\"deletedFile\",\"value\":{\"path\":\"nope/\"}}", "{\"key\":\"deletedFolder\",\"value\":{\"path\":\"a/c\"}}")) {
            commit(alice, id, "main", List.of(line), null).andExpect(status().isNotFound())
                    .andExpect(header().string("X-Error-Code", "EntryNotFound"));
        }
        for (String line : List.of("{\"key\":\"deletedFile\",\"value\":{\"path\":\"x.txt/\"}}",
                "{\"key\":\"deletedFolder\",\"value\":{\"path\":\"x.txt\"}}", "{\"key\":\"deletedFolder\",\"value\":{\"path\":\"/\"}}")) {
            commit(alice, id, "main", List.of(line), null).andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/models/" + id + "/tree/main/a")).andExpect(jsonPath("$[0].path").value("a/b.txt"));
    }

    /** {@code super_squash_history}: a 400 that says why for a writer, the hidden repository's 404 for anyone else. */
    @Test
    void superSquashIsRefusedWithAReason() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        Accounts.SignedIn bob = accounts.signUp("hubw");
        String id = createRepo(alice, "squash");
        mvc.perform(post("/api/models/" + id + "/super-squash/main").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"message\":\"squash\"}")).andExpect(status().isBadRequest())
                .andExpect(header().string("X-Error-Message", HubRepoWriteController.SQUASH_REFUSAL));
        mvc.perform(put("/api/models/" + id + "/settings").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/super-squash/main").with(bob.bearer())).andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RepoNotFound"));
        mvc.perform(get("/api/models/" + id + "/commits/main").with(alice.bearer())).andExpect(jsonPath("$.length()").value(1));
    }

    /** {@code @huggingface/hub} deletes a folder as {@code deletedFile} with a path ending in "/" (lib/commit.ts). */
    @Test
    void aDeletedFileEndingInASlashDeletesTheFolder() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "folders");
        commit(alice, id, "main", List.of(fileLine("weights/a.bin", new byte[]{1}), fileLine("weights/b.bin", new byte[]{2}),
                fileLine("keep.txt", new byte[]{3})), null).andExpect(status().isOk());
        commit(alice, id, "main", List.of("{\"key\":\"deletedFile\",\"value\":{\"path\":\"weights/\"}}"), null)
                .andExpect(status().isOk());
        mvc.perform(get("/api/models/" + id + "/tree/main")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].path").value(org.hamcrest.Matchers.containsInAnyOrder(".gitattributes", "keep.txt")));
    }

    @Test
    void writesNeedWriteAccessInTheHubErrorForm() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("hubw");
        Accounts.SignedIn other = accounts.signUp("hubw");
        String id = createRepo(owner, "guarded");
        Members.Token read = members.token(owner, "read");
        mvc.perform(post("/api/models/" + id + "/branch/x").with(Accounts.bearer(read.token())))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").exists());
        mvc.perform(post("/api/models/" + id + "/preupload/main").with(other.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"files\":[]}")).andExpect(status().isForbidden()).andExpect(jsonPath("$.error").exists());
        mvc.perform(put("/api/models/" + id + "/settings").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/preupload/main").with(other.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"files\":[]}")).andExpect(status().isNotFound()).andExpect(header().string("X-Error-Code", "RepoNotFound"));
        mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(other.bearer()).contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"upload\",\"objects\":[]}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").exists());
        mvc.perform(get("/" + id + ".git/info/refs").param("service", "git-upload-pack"))
                .andExpect(status().isNotFound())
                // git shows an error body to its user only when it is text/plain ("remote: ...")
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("git clone and git push are not supported")))
                .andExpect(header().string("X-Error-Message", org.hamcrest.Matchers.containsString("not supported")));
        commit(owner, id, "main", List.of(), "?create_pr=1").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("pull requests are not supported")));
    }

    /** {@code huggingface_hub auth_check} and {@code unlike}: what the caller may do, and its like, with private meaning absent. */
    @Test
    void authCheckAndLikesAnswerAsTheHubDoesAndAPrivateRepositoryIsAbsent() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("hubw");
        Accounts.SignedIn other = accounts.signUp("hubw");
        String id = createRepo(owner, "checked");
        mvc.perform(get("/api/models/" + id + "/auth-check").with(other.bearer())).andExpect(status().isOk());
        mvc.perform(get("/api/models/" + id + "/auth-check")).andExpect(status().isOk()); // public: anyone may read
        mvc.perform(get("/api/models/" + id + "/auth-check/write").with(owner.bearer())).andExpect(status().isOk());
        mvc.perform(get("/api/models/" + id + "/auth-check/write").with(other.bearer()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").exists());
        mvc.perform(post("/api/models/" + id + "/like").with(other.bearer())).andExpect(status().isOk()).andExpect(jsonPath("$.likes").value(1));
        mvc.perform(post("/api/models/" + id + "/like").with(other.bearer())).andExpect(status().isOk()).andExpect(jsonPath("$.likes").value(1));
        mvc.perform(get("/api/models/" + id)).andExpect(jsonPath("$.likes").value(1));
        mvc.perform(delete("/api/models/" + id + "/like").with(other.bearer())).andExpect(status().isOk()).andExpect(jsonPath("$.likes").value(0));
        mvc.perform(delete("/api/models/" + id + "/like")).andExpect(status().isUnauthorized());

        mvc.perform(put("/api/models/" + id + "/settings").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        String missing = owner.username() + "/no-such-repo";
        for (String repo : List.of(id, missing)) {
            for (var request : List.of(get("/api/models/" + repo + "/auth-check"), get("/api/models/" + repo + "/auth-check/write"),
                    post("/api/models/" + repo + "/like"), delete("/api/models/" + repo + "/like"))) {
                mvc.perform(request.with(other.bearer())).andExpect(status().isNotFound())
                        .andExpect(header().string("X-Error-Code", "RepoNotFound"));
            }
        }
        mvc.perform(get("/api/models/" + id + "/auth-check")).andExpect(status().isNotFound())
                .andExpect(header().string("X-Error-Code", "RepoNotFound"));
        mvc.perform(get("/api/models/" + id + "/auth-check/write").with(owner.bearer())).andExpect(status().isOk());
    }

    /**
     * {@code huggingface_hub} 1.20+ with {@code hf_xet} asks for a Xet write token before any upload
     * ({@code _commit_api.py _upload_files}): the answer tells it, and the operator's log, to set
     * {@code HF_HUB_DISABLE_XET=1}, the same for an existing, a private and a missing repository.
     */
    @Test
    void aXetTokenRequestSaysXetIsNotSpokenWhateverTheRepository() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("hubw");
        Accounts.SignedIn other = accounts.signUp("hubw");
        String id = createRepo(owner, "xet-asked");
        mvc.perform(put("/api/models/" + id + "/settings").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\":true}")).andExpect(status().isOk());
        List<String> answers = new ArrayList<>();
        for (var request : List.of(get("/api/models/" + id + "/xet-write-token/main").with(owner.bearer()),
                get("/api/models/" + id + "/xet-write-token/main").with(other.bearer()),
                get("/api/datasets/" + owner.username() + "/no-such-set/xet-read-token/refs%2Fconvert%2Fparquet"),
                get("/api/models/" + id + "/xet-read-token/main"))) {
            MockHttpServletResponse answer = mvc.perform(request).andExpect(status().isNotFound())
                    .andExpect(header().string("X-Error-Code", "XetNotSupported"))
                    .andExpect(header().string("X-Error-Message", org.hamcrest.Matchers.containsString("HF_HUB_DISABLE_XET=1")))
                    .andReturn().getResponse();
            answers.add(answer.getContentAsString());
        }
        assertThat(answers).allSatisfy(body -> assertThat(body).isEqualTo(answers.get(0)).contains("does not speak Xet"));
    }

    /** {@code @huggingface/hub createRepo({files})}: the files are the repository's first commit on {@code main}. */
    @Test
    void createWithFilesCommitsThemAsTheFirstCommitOnMain() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        byte[] weights = random(3000, 7);
        mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content(createWithFiles(alice, "js-made", "{\"path\":\"a.txt\",\"content\":\"" + b64("hello".getBytes(StandardCharsets.UTF_8))
                                + "\",\"encoding\":\"base64\"},{\"path\":\"sub/w.bin\",\"content\":\"" + b64(weights) + "\",\"encoding\":\"base64\"}")))
                .andExpect(status().isOk());
        String id = alice.username() + "/js-made";
        assertThat(download(id, "a.txt")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(download(id, "sub/w.bin")).isEqualTo(weights);
        assertThat(download(id, ".gitattributes")).isEqualTo(NewRepositories.gitattributes(RepoType.MODEL));
        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value(NewRepositories.INITIAL_COMMIT));
    }

    /**
     * As on the Hub, a new repository is never empty: {@code main} holds the Hub's {@code .gitattributes}
     * in an "initial commit", so {@code snapshot_download} finds a head commit and a branch or tag can
     * start from {@code main} at once.
     */
    @Test
    void aNewRepositoryHasTheHubsInitialCommitOnMain() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "fresh");
        mvc.perform(get("/api/models/" + id)).andExpect(jsonPath("$.sha").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{40}")))
                .andExpect(jsonPath("$.siblings[0].rfilename").value(".gitattributes"));
        assertThat(new String(download(id, ".gitattributes"), StandardCharsets.UTF_8))
                .contains("*.safetensors filter=lfs diff=lfs merge=lfs -text");
        mvc.perform(post("/api/models/" + id + "/branch/dev").with(alice.bearer())).andExpect(status().isOk());
        mvc.perform(post("/api/models/" + id + "/tag/main").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"tag\":\"v0\"}")).andExpect(status().isOk());
        mvc.perform(get("/api/models/" + id + "/refs")).andExpect(jsonPath("$.branches.length()").value(2))
                .andExpect(jsonPath("$.tags[0].name").value("v0"));
        mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"fresh-data\",\"type\":\"dataset\"}")).andExpect(status().isOk());
        byte[] datasetAttributes = mvc.perform(get("/api/files/download").param("name", alice.username() + "/fresh-data")
                        .param("type", "dataset").param("path", ".gitattributes"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(datasetAttributes, StandardCharsets.UTF_8)).contains("*.mp3 filter=lfs diff=lfs merge=lfs -text");
    }

    /** Nothing half-written: a file the upload rules refuse is a 400 and no repository is created. */
    @Test
    void createWithAnInvalidFileIs400AndCreatesNoRepository() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String good = "{\"path\":\"a.txt\",\"content\":\"aGk=\",\"encoding\":\"base64\"}";
        for (String bad : List.of("{\"path\":\"../x\",\"content\":\"aGk=\"}", "{\"path\":\"b.txt\",\"content\":\"not base64!\"}",
                "{\"content\":\"aGk=\"}", good, "{\"path\":\"no-content.txt\"}", "{\"path\":\"c.txt\",\"content\":\"abc\",\"encoding\":\"rot13\"}")) {
            mvc.perform(post("/api/repos/create").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                            .content(createWithFiles(alice, "half", good + "," + bad)))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").exists());
            mvc.perform(get("/api/models/" + alice.username() + "/half")).andExpect(status().isNotFound());
        }
    }

    /**
     * A writer of an organisation (who may create there but not delete) whose first commit fails gets the refusal,
     * and no repository is left: the clean-up needed the admin role, answered 403 and left an empty repository.
     */
    @Test
    void aWritersFailedCreateInAnOrganisationLeavesNoRepository() throws Exception {
        Accounts.SignedIn admin = accounts.signUp("hubw");
        Accounts.SignedIn writer = accounts.signUp("hubw");
        String org = "hubw-org-" + admin.username().substring(admin.username().length() - 6);
        members.createOrg(admin, org);
        members.add(admin, org, writer, "write");
        String clash = "{\"path\":\"a\",\"content\":\"aGk=\",\"encoding\":\"base64\"},"
                + "{\"path\":\"a/b\",\"content\":\"aGk=\",\"encoding\":\"base64\"}";
        mvc.perform(post("/api/repos/create").with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"clash\",\"organization\":\"" + org + "\",\"type\":\"model\",\"files\":[" + clash + "]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/models/" + org + "/clash").with(admin.bearer())).andExpect(status().isNotFound());
        mvc.perform(post("/api/repos/create").with(writer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"clash\",\"organization\":\"" + org + "\",\"type\":\"model\"}")).andExpect(status().isOk());
    }

    private static String createWithFiles(Accounts.SignedIn user, String name, String files) {
        return "{\"name\":\"" + name + "\",\"organization\":\"" + user.username() + "\",\"visibility\":\"public\",\"type\":\"model\",\"files\":[" + files + "]}";
    }

    /**
     * A folder's {@code oid} is its tree id (docs/hub-api.md: "tree sha1"; HH {@code RepoFolder.tree_id}):
     * two folders changed by one commit differ, and a folder keeps it across a commit that changes only a sibling.
     */
    @Test
    void aFoldersOidIsItsTreeIdChangingOnlyWithItsContent() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "folders");
        commit(alice, id, "main", List.of(fileLine("a/x.txt", bytes("x")), fileLine("b/y.txt", bytes("y"))), null)
                .andExpect(status().isOk());
        Map<String, String> before = folderOids(id);
        assertThat(before.get("a")).matches("[0-9a-f]{40}").isNotEqualTo(before.get("b"));
        assertThat(before.get("b")).matches("[0-9a-f]{40}");

        commit(alice, id, "main", List.of(fileLine("b/y.txt", bytes("y, changed"))), null).andExpect(status().isOk());
        Map<String, String> after = folderOids(id);
        assertThat(after.get("a")).isEqualTo(before.get("a"));
        assertThat(after.get("b")).matches("[0-9a-f]{40}").isNotEqualTo(before.get("b"));
    }

    private Map<String, String> folderOids(String id) throws Exception {
        String listing = mvc.perform(get("/api/models/" + id + "/tree/main")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> paths = JsonPath.read(listing, "$[?(@.type == 'directory')].path");
        List<String> oids = JsonPath.read(listing, "$[?(@.type == 'directory')].oid");
        Map<String, String> byPath = new java.util.HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            byPath.put(paths.get(i), oids.get(i));
        }
        return byPath;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A body that is not JSON, a missing body, a path variable of the wrong type: 400 in the route's error form, never 500. */
    @Test
    void malformedBodiesAndPathVariablesAre400InTheRoutesErrorForm() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("hubw");
        mvc.perform(post("/api/repos/create").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON).content("{["))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").exists());
        mvc.perform(put("/api/lfs/x/y/part/x?size=1&exp=1&sig=x").content(new byte[1]))
                .andExpect(status().isBadRequest()).andExpect(header().string("Content-Type", LFS))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("part")));
        mvc.perform(post("/api/lfs/x/y/complete?size=1&exp=1&sig=x").contentType(LFS).accept("application/xml"))
                .andExpect(status().isBadRequest()).andExpect(header().string("Content-Type", LFS))
                .andExpect(jsonPath("$.message").exists());
    }

    /**
     * {@code huggingface_hub} checks a README.md's metadata with {@code POST /api/validate-yaml} before
     * any {@code upload_folder} or {@code create_commit} that adds one ({@code hf_api.py _validate_yaml}):
     * it reads the JSON before the status, warns on {@code warnings} and raises {@code ValueError} on a 400.
     */
    @Test
    void validateYamlPassesACardWarnsOnOneWithoutMetadataAndRefusesBrokenYaml() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        RequestPostProcessor readToken = Accounts.bearer(members.token(alice, "read").token());
        String card = "---\nlicense: mit\ntags:\n  - bert\n---\n# A model\n";
        mvc.perform(post("/api/validate-yaml").with(readToken).header("user-agent", UA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": " + json(card) + ", \"repoType\": \"model\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.errors").isEmpty()).andExpect(jsonPath("$.warnings").isEmpty());
        mvc.perform(post("/api/validate-yaml").contentType(MediaType.APPLICATION_JSON) // anonymous, as on the Hub
                        .content("{\"content\": \"# Just a title\\n\", \"repoType\": \"dataset\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.errors").isEmpty())
                .andExpect(jsonPath("$.warnings[0].message").value("Empty or missing yaml metadata in repo card"));
        String broken = "---\nlicense: mit\ntags: [bert\n---\n# A model\n";
        mvc.perform(post("/api/validate-yaml").with(readToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": " + json(broken) + ", \"repoType\": \"model\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("Invalid YAML in the metadata block")))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("README.md line 3")))
                .andExpect(header().string("X-Error-Message", org.hamcrest.Matchers.startsWith("Invalid YAML")));
        mvc.perform(post("/api/validate-yaml").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\": " + json("---\n- a list\n---\n") + "}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("mapping")));
        mvc.perform(post("/api/validate-yaml").contentType(MediaType.APPLICATION_JSON).content("{\"repoType\": \"model\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("content is required")));
        mvc.perform(post("/api/validate-yaml").contentType(MediaType.APPLICATION_JSON).content("{\"content\": \"x\", \"repoType\": \"bucket\"}"))
                .andExpect(status().isBadRequest()).andExpect(header().exists("X-Error-Message"));
    }

    private static String json(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    }

    /** docs/hub-api.md "Java test plan" C: {@code upload_folder} with {@code HF_HUB_DISABLE_XET=1}. */
    @Test
    void thePythonClientsUploadFolderSequence() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        RequestPostProcessor token = Accounts.bearer(members.token(alice, "write").token());
        String id = createRepo(alice, "bert");
        byte[] config = "{\"model_type\": \"bert\", \"hidden_size\": 768}\n".getBytes(StandardCharsets.UTF_8);
        byte[] model = random(31457280, 17);
        String modelSha = sha256(model);

        // 1. preupload
        String preupload = "{\"files\": [{\"path\": \"config.json\", \"sample\": \"" + b64(config) + "\", \"size\": " + config.length
                + "}, {\"path\": \"model.bin\", \"sample\": \"" + b64(java.util.Arrays.copyOf(model, 512)) + "\", \"size\": " + model.length + "}]}";
        mvc.perform(post("/api/models/" + id + "/preupload/main").with(token).header("user-agent", UA)
                        .contentType(MediaType.APPLICATION_JSON).content(preupload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.files[0].path").value("config.json")).andExpect(jsonPath("$.files[0].uploadMode").value("regular"))
                .andExpect(jsonPath("$.files[0].shouldIgnore").value(false)).andExpect(jsonPath("$.files[0].oid").doesNotExist())
                .andExpect(jsonPath("$.files[1].uploadMode").value("lfs")).andExpect(jsonPath("$.files[1].shouldIgnore").value(false));

        // 3. LFS batch
        String batch = "{\"operation\": \"upload\", \"transfers\": [\"basic\", \"multipart\"], \"objects\": [{\"oid\": \""
                + modelSha + "\", \"size\": " + model.length + "}], \"hash_algo\": \"sha256\", \"ref\": {\"name\": \"main\"}}";
        String answer = mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(token).header("user-agent", UA)
                        .contentType(LFS).accept(LFS).content(batch))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith(LFS)))
                .andExpect(jsonPath("$.transfer").value("basic"))
                .andExpect(jsonPath("$.objects[0].oid").value(modelSha)).andExpect(jsonPath("$.objects[0].size").value(model.length))
                // lfs.py post_lfs_batch_info: any object with an "error" key, null included, is an error
                .andExpect(jsonPath("$.objects[0]").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("error"))))
                .andReturn().getResponse().getContentAsString();
        String upload = JsonPath.read(answer, "$.objects[0].actions.upload.href");
        String verify = JsonPath.read(answer, "$.objects[0].actions.verify.href");
        assertThat(upload).startsWith("http://localhost/");

        // 4. basic PUT, no Authorization; a tampered signature is refused first
        mvc.perform(put(URI.create(upload.replace("sig=", "sig=x"))).content(model)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").exists());
        mvc.perform(put(URI.create(upload)).content(model)).andExpect(status().isOk());

        // 5. verify, with Authorization
        mvc.perform(post(URI.create(verify)).with(token).contentType(LFS).accept(LFS)
                .content("{\"oid\": \"" + modelSha + "\", \"size\": " + model.length + "}")).andExpect(status().isOk());

        // 6. commit
        List<String> lines = List.of(fileLine("config.json", config),
                "{\"key\": \"lfsFile\", \"value\": {\"path\": \"model.bin\", \"algo\": \"sha256\", \"oid\": \"" + modelSha
                        + "\", \"size\": " + model.length + "}}");
        String committed = commit(token, id, "main", "Upload folder", lines, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.pullRequestUrl").value(org.hamcrest.Matchers.nullValue()))
                .andReturn().getResponse().getContentAsString();
        String oid = JsonPath.read(committed, "$.commitOid");
        assertThat(oid).matches("[0-9a-f]{40}");
        assertThat((String) JsonPath.read(committed, "$.commitUrl")).isEqualTo("http://localhost/" + id + "/commit/" + oid);

        // 7. the files come back whole through the seed API
        assertThat(sha256(download(id, "model.bin"))).isEqualTo(modelSha);
        assertThat(download(id, "config.json")).isEqualTo(config);

        // a second identical upload_folder sees the oids: the git blob sha1 of config.json, the sha256 of model.bin
        String gitSha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(
                concat(("blob " + config.length + "\0").getBytes(StandardCharsets.US_ASCII), config)));
        mvc.perform(post("/api/models/" + id + "/preupload/main").with(token).contentType(MediaType.APPLICATION_JSON).content(preupload))
                .andExpect(jsonPath("$.files[0].oid").value(gitSha1)).andExpect(jsonPath("$.files[1].oid").value(modelSha));
        mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(token).contentType(LFS).accept(LFS).content(batch))
                .andExpect(jsonPath("$.objects[0]").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("actions"))))
                .andExpect(jsonPath("$.objects[0]").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("error"))));

        // CommitOperationCopy of an LFS file: an lfsFile line without a size (HH _prepare_commit_payload)
        commit(token, id, "main", "Copy the weights", List.of("{\"key\": \"lfsFile\", \"value\": {\"path\": \"copy/model.bin\", \"algo\": \"sha256\", \"oid\": \""
                + modelSha + "\"}}"), null).andExpect(status().isOk());
        assertThat(sha256(download(id, "copy/model.bin"))).isEqualTo(modelSha);
        String never = sha256("never uploaded".getBytes(StandardCharsets.UTF_8));
        commit(token, id, "main", "Copy nothing", List.of("{\"key\": \"lfsFile\", \"value\": {\"path\": \"copy/none.bin\", \"algo\": \"sha256\", \"oid\": \""
                + never + "\"}}"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("lfsFile copy/none.bin (" + never + ") was not uploaded; upload it with the LFS batch API before committing"));
    }

    @Test
    void aCommitNamingAnObjectNeverUploadedIsRefusedAndCommitsNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "missing");
        String never = sha256("never uploaded".getBytes(StandardCharsets.UTF_8));
        commit(alice.bearer(), id, "main", "Add", List.of(fileLine("a.txt", "a".getBytes(StandardCharsets.UTF_8)),
                "{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"" + never + "\",\"size\":99}}"), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString(never)));
        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value(NewRepositories.INITIAL_COMMIT));
    }

    @Test
    void aCommitLinePastTheBoundIs413AndCommitsNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "longline");
        String huge = "{\"key\":\"file\",\"value\":{\"path\":\"big.txt\",\"encoding\":\"utf-8\",\"content\":\""
                + "x".repeat(HubUploads.MAX_LINE_CHARS) + "\"}}";
        commit(alice.bearer(), id, "main", "Add", List.of(fileLine("a.txt", "a".getBytes(StandardCharsets.UTF_8)), huge), null)
                .andExpect(status().isPayloadTooLarge()).andExpect(header().string("X-Error-Message", org.hamcrest.Matchers.containsString("LFS")));
        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].title").value(NewRepositories.INITIAL_COMMIT));
    }

    @Test
    void multipartUploadWithAStaleParentCommit() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("hubw");
        String id = createRepo(alice, "parts");
        byte[] big = random((int) lfsTransfers.multipartAbove() + 1000, 5);
        String sha = sha256(big);
        String answer = mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(alice.bearer()).contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"upload\",\"transfers\":[\"basic\",\"multipart\",\"xet\"],\"hash_algo\":\"sha_256\","
                                + "\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + big.length + "}]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.transfer").value("multipart"))
                .andReturn().getResponse().getContentAsString();
        Map<String, String> header = JsonPath.read(answer, "$.objects[0].actions.upload.header");
        String completion = JsonPath.read(answer, "$.objects[0].actions.upload.href");
        int chunk = Integer.parseInt(header.get("chunk_size"));
        List<String> parts = header.keySet().stream().filter(k -> k.matches("\\d+")).sorted().toList();
        assertThat(parts).hasSize(3);
        List<String> etags = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] slice = java.util.Arrays.copyOfRange(big, i * chunk, Math.min(big.length, (i + 1) * chunk));
            MockHttpServletResponse part = mvc.perform(put(URI.create(header.get(parts.get(i)))).content(slice))
                    .andExpect(status().isOk()).andReturn().getResponse();
            assertThat(part.getHeader("ETag")).isNotBlank();
            etags.add(part.getHeader("ETag"));
        }
        StringBuilder body = new StringBuilder("{\"oid\":\"" + sha + "\",\"parts\":[");
        for (int i = 0; i < etags.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"partNumber\":").append(i + 1).append(",\"etag\":")
                    .append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(etags.get(i)).length > 0
                            ? "\"" + etags.get(i).replace("\"", "\\\"") + "\"" : "\"\"").append("}");
        }
        mvc.perform(post(URI.create(completion)).contentType(LFS).accept(LFS).content(body.append("]}").toString()))
                .andExpect(status().isOk());

        String first = JsonPath.read(commit(alice.bearer(), id, "main", "Big", List.of(lfsLine("big.bin", sha, big.length)), null)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.commitOid");
        commit(alice.bearer(), id, "main", "Again", List.of(fileLine("b.txt", "b".getBytes(StandardCharsets.UTF_8))), null,
                "0".repeat(40)).andExpect(status().is4xxClientError());
        commit(alice.bearer(), id, "main", "Based", List.of(fileLine("b.txt", "b".getBytes(StandardCharsets.UTF_8))), null, first)
                .andExpect(status().isOk());
        assertThat(sha256(download(id, "big.bin"))).isEqualTo(sha);
    }

    private byte[] download(String id, String path) throws Exception {
        return mvc.perform(get("/api/files/download").param("name", id).param("type", "model").param("path", path))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String fileLine(String path, byte[] content) {
        return "{\"key\": \"file\", \"value\": {\"content\": \"" + b64(content) + "\", \"path\": \"" + path + "\", \"encoding\": \"base64\"}}";
    }

    private static String lfsLine(String path, String sha, long size) {
        return "{\"key\":\"lfsFile\",\"value\":{\"path\":\"" + path + "\",\"algo\":\"sha256\",\"oid\":\"" + sha + "\",\"size\":" + size + "}}";
    }

    private org.springframework.test.web.servlet.ResultActions commit(Accounts.SignedIn user, String id, String rev,
                                                                    List<String> lines, String query) throws Exception {
        return commit(user.bearer(), id, rev, "Upload", lines, query);
    }

    private org.springframework.test.web.servlet.ResultActions commit(RequestPostProcessor caller, String id, String rev,
                                                                    String summary, List<String> lines, String query) throws Exception {
        return commit(caller, id, rev, summary, lines, query, null);
    }

    private org.springframework.test.web.servlet.ResultActions commit(RequestPostProcessor caller, String id, String rev, String summary,
                                                                    List<String> lines, String query, String parent) throws Exception {
        StringBuilder body = new StringBuilder("{\"key\": \"header\", \"value\": {\"summary\": \"" + summary + "\", \"description\": \"\""
                + (parent == null ? "" : ", \"parentCommit\": \"" + parent + "\"") + "}}\n");
        lines.forEach(l -> body.append(l).append('\n'));
        return mvc.perform(post("/api/models/" + id + "/commit/" + rev + (query == null ? "" : query)).with(caller)
                .header("user-agent", UA).contentType("application/x-ndjson").content(body.toString()));
    }
}
