package io.modellibrary.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code huggingface_hub}'s {@code hf_hub_download} and {@code snapshot_download} replayed over
 * real HTTP (docs/hub-api.md, Java test plan A and B): the exact requests the Python client sends
 * ({@code file_download.py get_hf_file_metadata}, {@code http_get}, {@code _snapshot_download.py}),
 * redirects not followed, revisions quoted with {@code safe=""} as HH does, through Tomcat.
 */
@FullStackTest
class HubPythonSequenceTest {

    static final String USER_AGENT = "huggingface_hub/1.29.0.dev0; python/3.12.3; torch/2.4.0";
    static final byte[] LARGE = HubFixtures.bytes((int) HubLfs.THRESHOLD + 4096, 11);
    static final byte[] SMALL = HubFixtures.text("{\"hidden_size\": 768}");
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Members members;
    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    Accounts.SignedIn alice;
    String token;
    String repo;
    String head;

    @BeforeEach
    void repository() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", SMALL);
        files.put("sub dir/model.bin", LARGE);
        files.put("tokenizer/vocab.txt", HubFixtures.text("[PAD]\n[UNK]\n"));
        HubFixtures.Published bert = fixtures.bert("hubpy", true, "weights", files);
        alice = bert.owner();
        repo = bert.id();
        head = bert.commit();
        token = members.token(alice, "read").token();
    }

    String endpoint() {
        return "http://localhost:" + port;
    }

    static String quoteSafeNone(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token).header("user-agent", USER_AGENT);
    }

    /** Plan A: HEAD (identity), then GET, interrupted and resumed with Range; the size check. */
    byte[] hfHubDownload(String revision, String quotedFilename) throws Exception {
        String url = endpoint() + "/" + repo + "/resolve/" + quoteSafeNone(revision) + "/" + quotedFilename;
        HttpResponse<Void> meta = http.send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(meta.statusCode()).isEqualTo(200);
        String commit = meta.headers().firstValue("X-Repo-Commit").orElseThrow();
        String etag = meta.headers().firstValue("X-Linked-Etag").or(() -> meta.headers().firstValue("ETag")).orElseThrow()
                .replace("W/", "").replace("\"", "");
        long size = Long.parseLong(meta.headers().firstValue("X-Linked-Size")
                .or(() -> meta.headers().firstValue("Content-Length")).orElseThrow());
        assertThat(commit).matches("[0-9a-f]{40}");
        assertThat(meta.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-xet"));

        HttpResponse<byte[]> first = http.send(request(url).header("Range", "bytes=0-" + (size / 2 - 1)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        ByteArrayOutputStream incomplete = new ByteArrayOutputStream();
        incomplete.writeBytes(first.body()); // the connection "broke" after the first half
        HttpResponse<byte[]> rest = http.send(request(url).header("Range", "bytes=" + incomplete.size() + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes " + incomplete.size() + "-" + (size - 1) + "/" + size);
        incomplete.writeBytes(rest.body());
        byte[] file = incomplete.toByteArray();
        assertThat((long) file.length).as("Consistency check").isEqualTo(size);
        assertThat(etag).isEqualTo(HubLfs.isLfs(size) ? HubFixtures.sha256(file) : HubFixtures.gitSha1(file));
        return file;
    }

    @Test
    void hfHubDownloadOfAnLfsFileWithASpaceInItsPathByBranchAndByQuotedRef() throws Exception {
        assertThat(hfHubDownload("main", "sub%20dir/model.bin")).isEqualTo(LARGE);
        assertThat(hfHubDownload("refs/heads/main", "sub%20dir/model.bin")).isEqualTo(LARGE);
        assertThat(hfHubDownload(head, "config.json")).isEqualTo(SMALL);
    }

    @Test
    void hfHubDownloadErrorsAreTheOnesHfRaiseForStatusMaps() throws Exception {
        HttpResponse<String> missing = http.send(request(endpoint() + "/" + repo + "/resolve/main/nope.bin")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "identity").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Error-Code")).hasValue("EntryNotFound");
        assertThat(missing.headers().firstValue("X-Repo-Commit")).hasValue(head);
        HttpResponse<String> revision = http.send(request(endpoint() + "/" + repo + "/resolve/" + quoteSafeNone("refs/heads/x") + "/config.json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revision.statusCode()).isEqualTo(404);
        assertThat(revision.headers().firstValue("X-Error-Code")).hasValue("RevisionNotFound");
        assertThat(JSON.readTree(revision.body()).get("error").asText()).contains("refs/heads/x");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + repo + "/resolve/main/config.json"))
                .header("user-agent", USER_AGENT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(404);
        assertThat(anonymous.headers().firstValue("X-Error-Code")).hasValue("RepoNotFound");
        HttpResponse<byte[]> safetensors = http.send(request(endpoint() + "/" + repo + "/resolve/main/sub%20dir/model.bin")
                .header("Range", "bytes=0-100000").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(safetensors.statusCode()).isEqualTo(206);
        assertThat(safetensors.body()).isEqualTo(Arrays.copyOf(LARGE, 100001));
    }

    /** Plan B: repo_info at the revision for its sha, the paged recursive tree at the sha, plan A for each file. */
    @Test
    void snapshotDownloadGetsTheShaListsTheTreeAtItAndDownloadsEveryFile() throws Exception {
        HttpResponse<String> info = http.send(request(endpoint() + "/api/models/" + repo + "/revision/" + quoteSafeNone("main")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        String sha = JSON.readTree(info.body()).get("sha").asText();
        assertThat(sha).isEqualTo(head);

        Map<String, JsonNode> files = new HashMap<>();
        String url = endpoint() + "/api/models/" + repo + "/tree/" + sha + "?recursive=true&expand=false";
        while (url != null) {
            HttpResponse<String> page = http.send(request(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            JSON.readTree(page.body()).forEach(e -> {
                assertThat(e.has("xetHash")).isFalse();
                if (e.get("type").asText().equals("file")) {
                    files.put(e.get("path").asText(), e);
                }
            });
            url = page.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        }
        assertThat(files.keySet()).containsExactlyInAnyOrder("config.json", "sub dir/model.bin", "tokenizer/vocab.txt");
        assertThat(files.get("sub dir/model.bin").get("lfs").get("oid").asText()).isEqualTo(HubFixtures.sha256(LARGE));
        for (String path : files.keySet()) {
            byte[] bytes = hfHubDownload(sha, URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"));
            assertThat((long) bytes.length).isEqualTo(files.get(path).get("size").asLong());
        }

        HttpResponse<String> folder = http.send(request(endpoint() + "/api/models/" + repo + "/tree/" + quoteSafeNone("refs/heads/main")
                + "/" + quoteSafeNone("sub dir") + "?recursive=false&expand=false").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(folder.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(folder.body()).get(0).get("path").asText()).isEqualTo("sub dir/model.bin");
    }

    /** {@code @huggingface/hub repoExists}: fetch leaves the brackets of {@code expand[]} unencoded. */
    /**
     * {@code get_paths_info} sends the paths form-encoded, one {@code paths} field each (httpx {@code data=}); over
     * Tomcat the form was replayed with one value per field, so only the first path came back and
     * {@code create_commit} with two copies failed ("file is missing on repo").
     */
    @Test
    void pathsInfoAsAFormAnswersEveryPathOverRealHttp() throws Exception {
        HttpResponse<String> answer = http.send(request(endpoint() + "/api/models/" + repo + "/paths-info/main")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("paths=config.json&paths=" + quoteSafeNone("sub dir/model.bin")
                                + "&paths=tokenizer&paths=missing.txt&expand=True")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode entries = JSON.readTree(answer.body());
        assertThat(entries).extracting(e -> e.get("path").asText()).containsExactlyInAnyOrder("config.json", "sub dir/model.bin", "tokenizer");
    }

    @Test
    void repoExistsWithUnencodedBracketsIsAnsweredNotRefused() throws Exception {
        HttpResponse<String> answer = http.send(request(endpoint() + "/api/models/" + repo + "?expand[]=likes").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("id").asText()).isEqualTo(repo);
    }

    @Test
    void anEncodedSlashIsRefusedOutsideTheHubRoutes() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/api/filesTable%2Fx")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
    }
}
