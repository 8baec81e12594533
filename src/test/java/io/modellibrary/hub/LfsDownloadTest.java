package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Git LFS batch API's {@code download} operation (issue 17; git-lfs {@code docs/api/batch.md}):
 * whoever may read the repository, anonymous callers of a public one included, gets a
 * {@code download} action per object the repository references, whose href serves the bytes
 * without credentials; any other object gets the per-object error 404. A private repository the
 * caller may not see answers exactly as a missing one, and an upload batch still needs a write credential.
 */
@FullStackTest
class LfsDownloadTest {

    private static final String LFS = "application/vnd.git-lfs+json";
    private static final byte[] WEIGHTS = HubFixtures.bytes(300_000, 17);

    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    @Test
    void anAnonymousDownloadBatchOfAPublicModelGetsHrefsThatServeTheBytes() throws Exception {
        HubFixtures.Published bert = fixtures.bert("lfsdl", false, "weights", Map.of("w.bin", WEIGHTS));
        String sha = HubFixtures.sha256(WEIGHTS);
        String elsewhere = HubFixtures.sha256(HubFixtures.bytes(10, 5));
        String answer = mvc.perform(batch(bert.id(), "download", sha, WEIGHTS.length, elsewhere, 10)
                        .content(body("download", Map.of(sha, (long) WEIGHTS.length, elsewhere, 10L), "\"not-a-sha\"", 3)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType(LFS)))
                .andExpect(jsonPath("$.transfer").value("basic"))
                .andExpect(jsonPath("$.objects.length()").value(3))
                .andReturn().getResponse().getContentAsString();
        Map<String, Object> found = object(answer, sha);
        assertThat(found).containsEntry("size", WEIGHTS.length).containsEntry("authenticated", true);
        assertThat(found.get("error")).isNull();
        assertThat(JsonPath.<Map<String, Object>>read(found, "$.actions")).containsOnlyKeys("download");
        assertThat(JsonPath.<Integer>read(found, "$.actions.download.expires_in")).isEqualTo(3600);
        assertThat(object(answer, elsewhere).get("actions")).isNull();
        assertThat(object(answer, elsewhere)).containsEntry("error", Map.of("code", 404, "message", "Object does not exist"));
        assertThat(JsonPath.<Integer>read(object(answer, "not-a-sha"), "$.error.code")).isEqualTo(422);

        URI href = URI.create(JsonPath.read(found, "$.actions.download.href"));
        byte[] downloaded = mvc.perform(get(href)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(HubFixtures.sha256(downloaded)).isEqualTo(sha);
        mvc.perform(get(href).header("Range", "bytes=100-199")).andExpect(status().isPartialContent())
                .andExpect(content().bytes(java.util.Arrays.copyOfRange(WEIGHTS, 100, 200)));
    }

    @Test
    void aSignedInReaderAndAReadTokenGetTheSameDownloadsAsAnAnonymousCaller() throws Exception {
        HubFixtures.Published bert = fixtures.bert("lfsdlr", false, "weights", Map.of("w.bin", WEIGHTS));
        String sha = HubFixtures.sha256(WEIGHTS);
        Accounts.SignedIn bob = accounts.signUp("lfsdlb");
        Members.Token read = members.token(bert.owner(), "read");
        for (MockHttpServletRequestBuilder request : List.of(batch(bert.id(), "download", sha, WEIGHTS.length),
                batch(bert.id(), "download", sha, WEIGHTS.length).with(bob.bearer()),
                batch(bert.id(), "download", sha, WEIGHTS.length).with(Accounts.bearer(read.token())),
                batch(bert.id(), "download", sha, WEIGHTS.length).with(bert.owner().bearer()))) {
            String answer = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            URI href = URI.create(JsonPath.read(answer, "$.objects[0].actions.download.href"));
            assertThat(href.getPath()).startsWith("/api/lfs/");
            assertThat(JsonPath.<Map<String, Object>>read(answer, "$.objects[0].actions.download")).containsOnlyKeys("href", "expires_in");
            assertThat(mvc.perform(get(href)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                    .isEqualTo(WEIGHTS);
        }
    }

    @Test
    void aPublicDatasetIsDownloadableAnonymouslyAtItsDatasetsUrl() throws Exception {
        Accounts.SignedIn carol = accounts.signUp("lfsdld");
        fixtures.create(carol, RepoType.DATASET, "set", false);
        fixtures.commit(carol, RepoType.DATASET, "set", "main", "rows", Map.of("rows.parquet", WEIGHTS));
        String sha = HubFixtures.sha256(WEIGHTS);
        String answer = mvc.perform(batch("datasets/" + carol.username() + "/set", "download", sha, WEIGHTS.length))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        URI href = URI.create(JsonPath.read(answer, "$.objects[0].actions.download.href"));
        assertThat(mvc.perform(get(href)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                .isEqualTo(WEIGHTS);
        // the model of the same name does not exist
        mvc.perform(batch(carol.username() + "/set", "download", sha, WEIGHTS.length)).andExpect(status().isNotFound());
    }

    @Test
    void aPrivateRepositoryAnswersAnyoneWhoMayNotSeeItExactlyAsAMissingOne() throws Exception {
        HubFixtures.Published secret = fixtures.bert("lfsdlp", true, "weights", Map.of("w.bin", WEIGHTS));
        String sha = HubFixtures.sha256(WEIGHTS);
        Accounts.SignedIn bob = accounts.signUp("lfsdlq");
        String missing = secret.owner().username() + "/bort"; // as long as bert: no length tells them apart
        for (var caller : List.<java.util.function.UnaryOperator<MockHttpServletRequestBuilder>>of(r -> r, r -> r.with(bob.bearer()))) {
            String hidden = whole(mvc.perform(caller.apply(batch(secret.id(), "download", sha, WEIGHTS.length))).andReturn().getResponse());
            String absent = whole(mvc.perform(caller.apply(batch(missing, "download", sha, WEIGHTS.length))).andReturn().getResponse());
            assertThat(hidden).isEqualTo(absent).startsWith("404 ").contains("{\"message\":\"Repository not found\"}");
        }
        mvc.perform(batch(secret.id(), "download", sha, WEIGHTS.length).with(secret.owner().bearer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.objects[0].actions.download.href").exists());
    }

    @Test
    void anObjectStoredForAnotherRepositoryIsNotDownloadableThroughThisOne() throws Exception {
        HubFixtures.Published bert = fixtures.bert("lfsdlo", false, "weights", Map.of("w.bin", WEIGHTS));
        HubFixtures.Published other = fixtures.bert("lfsdlx", false, "card", Map.of("README.md", HubFixtures.text("# other\n")));
        String sha = HubFixtures.sha256(WEIGHTS);
        mvc.perform(batch(other.id(), "download", sha, WEIGHTS.length)).andExpect(status().isOk())
                .andExpect(jsonPath("$.objects[0].error.code").value(404))
                .andExpect(jsonPath("$.objects[0].actions").doesNotExist());
        // nor with another size than its own
        mvc.perform(batch(bert.id(), "download", sha, WEIGHTS.length + 1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.objects[0].error.code").value(404));
    }

    @Test
    void aDownloadUrlServesOnlyItsObjectAndAnUploadUrlNeverDownloads() throws Exception {
        HubFixtures.Published bert = fixtures.bert("lfsdlu", false, "weights", Map.of("w.bin", WEIGHTS));
        String sha = HubFixtures.sha256(WEIGHTS);
        String answer = mvc.perform(batch(bert.id(), "download", sha, WEIGHTS.length)).andReturn().getResponse().getContentAsString();
        String href = JsonPath.read(answer, "$.objects[0].actions.download.href");
        mvc.perform(get(URI.create(href.replace("&sig=", "&sig=0")))).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType(LFS)));
        mvc.perform(get(URI.create(href.replace("size=" + WEIGHTS.length, "size=" + (WEIGHTS.length - 1)))))
                .andExpect(status().isForbidden());
        String fresh = HubFixtures.sha256(HubFixtures.bytes(1000, 99));
        String upload = JsonPath.read(mvc.perform(batch(bert.id(), "upload", fresh, 1000).with(bert.owner().bearer()))
                .andReturn().getResponse().getContentAsString(), "$.objects[0].actions.upload.href");
        mvc.perform(get(URI.create(upload))).andExpect(status().isForbidden());
    }

    @Test
    void anUploadBatchStillNeedsAWriteCredential() throws Exception {
        HubFixtures.Published bert = fixtures.bert("lfsdlw", false, "weights", Map.of("w.bin", WEIGHTS));
        String fresh = HubFixtures.sha256(HubFixtures.bytes(1000, 98));
        mvc.perform(batch(bert.id(), "upload", fresh, 1000)).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType(LFS)))
                .andExpect(jsonPath("$.message").value(startsWith("authentication required")));
        mvc.perform(batch(bert.id(), "upload", fresh, 1000).with(Accounts.bearer(members.token(bert.owner(), "read").token())))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.message").value(containsString("read-only")));
        mvc.perform(batch(bert.id(), "upload", fresh, 1000).with(bert.owner().bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.objects[0].actions.upload.href").exists());
        mvc.perform(batch(bert.id(), "push", fresh, 1000)).andExpect(status().isUnprocessableContent());
    }

    /** A batch request of {@code operation} for the objects {@code oid, size, oid, size, ...}, without credentials. */
    private static MockHttpServletRequestBuilder batch(String id, String operation, Object... objects) {
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < objects.length; i += 2) {
            named.put((String) objects[i], ((Number) objects[i + 1]).longValue());
        }
        return post("/" + id + ".git/info/lfs/objects/batch").contentType(LFS).accept(LFS).content(body(operation, named, null, 0));
    }

    /** The batch body, as git-lfs sends it; {@code extraOid} (a JSON value) adds one more object. */
    private static String body(String operation, Map<String, Long> objects, String extraOid, long extraSize) {
        StringBuilder json = new StringBuilder("{\"operation\":\"" + operation + "\",\"transfers\":[\"basic\"],"
                + "\"ref\":{\"name\":\"refs/heads/main\"},\"objects\":[");
        objects.forEach((oid, size) -> json.append("{\"oid\":\"").append(oid).append("\",\"size\":").append(size).append("},"));
        if (extraOid != null) {
            json.append("{\"oid\":").append(extraOid).append(",\"size\":").append(extraSize).append("},");
        }
        json.setLength(json.length() - 1);
        return json.append("]}").toString();
    }

    /** The answer's object of {@code oid}. */
    private static Map<String, Object> object(String answer, String oid) {
        List<Map<String, Object>> matches = JsonPath.read(answer, "$.objects[?(@.oid == '" + oid + "')]");
        assertThat(matches).as(answer).hasSize(1);
        return matches.get(0);
    }

    /**
     * Status, every header and the body; a renewed session token ({@code Authorization}) only as
     * present: it says nothing of the repository, and two issued in different seconds differ.
     */
    private static String whole(MockHttpServletResponse response) throws Exception {
        Map<String, List<String>> headers = new TreeMap<>();
        response.getHeaderNames().forEach(h -> headers.put(h.toLowerCase(java.util.Locale.ROOT),
                h.equalsIgnoreCase("Authorization") ? List.of("(renewed session token)") : response.getHeaders(h)));
        return response.getStatus() + " " + headers + " " + response.getContentAsString();
    }
}
