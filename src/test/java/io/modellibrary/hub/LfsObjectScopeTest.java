package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may name a stored LFS object without sending its bytes (docs/decisions.md T29). The store keeps each object once for every repository; an
 * outside probe copied another user's private file into its own repository by naming its sha256
 * in an upload batch (answered "stored", no upload) and then in a commit's {@code lfsFile} line.
 * Now an object counts as there, and may be committed, only when the caller could read it already:
 * referenced by a repository they may read (public, their own, their organisation's), or uploaded
 * to this repository. Anything else answers as an object the server never saw.
 */
@FullStackTest
class LfsObjectScopeTest {

    private static final String LFS = "application/vnd.git-lfs+json";

    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void anotherUsersPrivateObjectMustBeUploadedAndCannotBeCommittedByItsSha256() throws Exception {
        byte[] big = HubFixtures.bytes(12_000_000, 41);
        String sha = HubFixtures.sha256(big);
        HubFixtures.Published bob = fixtures.bert("bob", true, "Checkpoint", Map.of("ckpt/big.bin", big));
        Accounts.SignedIn carol = accounts.signUp("carol");
        fixtures.create(carol, RepoType.MODEL, "steal", false);
        String steal = carol.username() + "/steal";
        String unknown = HubFixtures.sha256(HubFixtures.bytes(12_000_000, 42));

        String answer = batch(carol.bearer(), steal, sha, big.length);
        Map<String, Object> asked = JsonPath.read(answer, "$.objects[0]");
        Map<String, Object> never = JsonPath.read(batch(carol.bearer(), steal, unknown, big.length), "$.objects[0]");
        assertThat(asked).as("answered as an object the server never saw").containsKey("actions");
        assertThat(JsonPath.<Map<String, Object>>read(asked, "$.actions").keySet())
                .isEqualTo(JsonPath.<Map<String, Object>>read(never, "$.actions").keySet());
        mvc.perform(post(URI.create(JsonPath.read(answer, "$.objects[0].actions.verify.href"))).contentType(LFS)
                        .content("{\"oid\":\"" + sha + "\",\"size\":" + big.length + "}"))
                .andExpect(status().isNotFound());

        String refused = commit(carol.bearer(), steal, lfsLine("stolen.bin", sha, big.length))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        String unknownRefused = commit(carol.bearer(), steal, lfsLine("stolen.bin", unknown, big.length))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).isEqualTo(unknownRefused.replace(unknown, sha));
        commit(carol.bearer(), steal, "{\"key\":\"lfsFile\",\"value\":{\"path\":\"stolen.bin\",\"algo\":\"sha256\",\"oid\":\"" + sha + "\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("lfsFile stolen.bin (" + sha + ") was not uploaded; upload it with the LFS batch API before committing"));
        mvc.perform(get("/api/models/" + steal + "/commits/main")).andExpect(jsonPath("$.length()").value(0)); // created empty
        mvc.perform(get("/" + steal + "/resolve/main/stolen.bin")).andExpect(status().isNotFound());

        // with the bytes, the same object is hers to commit: checked against the sha256 and kept once
        mvc.perform(put(URI.create(JsonPath.read(answer, "$.objects[0].actions.upload.href"))).content(big)).andExpect(status().isOk());
        commit(carol.bearer(), steal, lfsLine("own.bin", sha, big.length)).andExpect(status().isOk());
        assertThat(HubFixtures.sha256(resolve(steal, "own.bin"))).isEqualTo(sha);
        assertThat(bob.id()).isNotEqualTo(steal);
    }

    @Test
    void anObjectOfAPublicModelNeedsNoUploadAndIsCommitted() throws Exception {
        byte[] weights = HubFixtures.bytes(300_000, 43);
        String sha = HubFixtures.sha256(weights);
        fixtures.bert("alice", false, "Weights", Map.of("w.bin", weights));
        Accounts.SignedIn carol = accounts.signUp("carol");
        fixtures.create(carol, RepoType.MODEL, "copy", true);
        String copy = carol.username() + "/copy";

        assertThat(JsonPath.<Map<String, Object>>read(batch(carol.bearer(), copy, sha, weights.length), "$.objects[0]"))
                .doesNotContainKey("actions").doesNotContainKey("error");
        commit(carol.bearer(), copy, lfsLine("w.bin", sha, weights.length)).andExpect(status().isOk());
        mvc.perform(get("/" + copy + "/resolve/main/w.bin").with(carol.bearer())).andExpect(content().bytes(weights));
    }

    @Test
    void anObjectOfTheCallersOtherPrivateModelNeedsNoUploadAndIsCommitted() throws Exception {
        byte[] weights = HubFixtures.bytes(300_000, 44);
        String sha = HubFixtures.sha256(weights);
        HubFixtures.Published bob = fixtures.bert("bob", true, "Weights", Map.of("w.bin", weights));
        fixtures.create(bob.owner(), RepoType.MODEL, "other", true);
        String other = bob.owner().username() + "/other";

        assertThat(JsonPath.<Map<String, Object>>read(batch(bob.owner().bearer(), other, sha, weights.length), "$.objects[0]"))
                .doesNotContainKey("actions");
        commit(bob.owner().bearer(), other, lfsLine("w.bin", sha, weights.length)).andExpect(status().isOk());
        mvc.perform(get("/" + other + "/resolve/main/w.bin").with(bob.owner().bearer())).andExpect(content().bytes(weights));
    }

    @Test
    void aMemberMayNameAnObjectOfTheirOrganisationsPrivateModel() throws Exception {
        byte[] weights = HubFixtures.bytes(300_000, 45);
        String sha = HubFixtures.sha256(weights);
        Accounts.SignedIn admin = accounts.signUp("orgadmin");
        Accounts.SignedIn carol = accounts.signUp("carol");
        String org = Accounts.uniqueName("labs");
        members.createOrg(admin, org);
        members.add(admin, org, carol, "read");
        members.createModel(admin.bearer(), org + "/secret", true).andExpect(jsonPath("$.msg").value("success"));
        commit(admin.bearer(), org + "/secret", "{\"key\":\"file\",\"value\":{\"path\":\"w.bin\",\"encoding\":\"base64\",\"content\":\""
                + Base64.getEncoder().encodeToString(weights) + "\"}}").andExpect(status().isOk());
        fixtures.create(carol, RepoType.MODEL, "mine", true);
        String mine = carol.username() + "/mine";

        assertThat(JsonPath.<Map<String, Object>>read(batch(carol.bearer(), mine, sha, weights.length), "$.objects[0]"))
                .doesNotContainKey("actions");
        commit(carol.bearer(), mine, lfsLine("w.bin", sha, weights.length)).andExpect(status().isOk());

        Accounts.SignedIn dave = accounts.signUp("dave");
        fixtures.create(dave, RepoType.MODEL, "mine", false);
        assertThat(JsonPath.<Map<String, Object>>read(batch(dave.bearer(), dave.username() + "/mine", sha, weights.length),
                "$.objects[0]")).as("not a member").containsKey("actions");
    }

    @Test
    void anObjectUploadedToOneRepositoryIsCommittedThereAndNowhereElse() throws Exception {
        byte[] weights = HubFixtures.bytes(300_000, 46);
        String sha = HubFixtures.sha256(weights);
        Accounts.SignedIn bob = accounts.signUp("bob");
        fixtures.create(bob, RepoType.MODEL, "drafts", true);
        String drafts = bob.username() + "/drafts";
        String answer = batch(bob.bearer(), drafts, sha, weights.length);
        mvc.perform(put(URI.create(JsonPath.read(answer, "$.objects[0].actions.upload.href"))).content(weights)).andExpect(status().isOk());

        // uploaded to bob's private drafts, committed nowhere yet: carol cannot take it
        Accounts.SignedIn carol = accounts.signUp("carol");
        fixtures.create(carol, RepoType.MODEL, "steal", false);
        String steal = carol.username() + "/steal";
        assertThat(JsonPath.<Map<String, Object>>read(batch(carol.bearer(), steal, sha, weights.length), "$.objects[0]"))
                .containsKey("actions");
        commit(carol.bearer(), steal, lfsLine("w.bin", sha, weights.length)).andExpect(status().isBadRequest());

        assertThat(JsonPath.<Map<String, Object>>read(batch(bob.bearer(), drafts, sha, weights.length), "$.objects[0]"))
                .as("uploaded here: no second upload").doesNotContainKey("actions");
        commit(bob.bearer(), drafts, lfsLine("w.bin", sha, weights.length)).andExpect(status().isOk());
        mvc.perform(get("/" + drafts + "/resolve/main/w.bin").with(bob.bearer())).andExpect(content().bytes(weights));
    }

    private String batch(RequestPostProcessor caller, String id, String oid, long size) throws Exception {
        return mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(caller).contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"" + oid + "\",\"size\":" + size + "}]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private ResultActions commit(RequestPostProcessor caller, String id, String... lines) throws Exception {
        StringBuilder body = new StringBuilder("{\"key\":\"header\",\"value\":{\"summary\":\"Add\"}}\n");
        List.of(lines).forEach(l -> body.append(l).append('\n'));
        return mvc.perform(post("/api/models/" + id + "/commit/main").with(caller).contentType("application/x-ndjson")
                .content(body.toString()));
    }

    private byte[] resolve(String id, String path) throws Exception {
        return mvc.perform(get("/" + id + "/resolve/main/" + path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }

    private static String lfsLine(String path, String sha, long size) {
        return "{\"key\":\"lfsFile\",\"value\":{\"path\":\"" + path + "\",\"algo\":\"sha256\",\"oid\":\"" + sha + "\",\"size\":" + size + "}}";
    }
}
