package io.modellibrary.hub;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code git clone http://host/alice/bert}, without {@code .git}, as huggingface.co allows: git's
 * discovery request ({@code GET /alice/bert/info/refs?service=git-upload-pack}) is told, as for the
 * {@code .git} URL, that git clone and push are not supported, in the one form git prints
 * ({@code remote: ...}: 404 {@code text/plain}), for every name, seen or not, and whoever asks; the
 * pages at the same paths without git's parameter are still the pages. Over real HTTP, so that
 * the security chains and the container take part.
 */
@FullStackTest
class GitDiscoveryTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;
    @Autowired
    Fixtures fixtures;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The API's Content-Security-Policy; the pages' starts {@code default-src 'self'}. */
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** What a caller notices of an answer: status, type, the header the Hub clients read, the body, and its content policy (the API's or a page's). */
    private record Seen(int status, String contentType, String errorMessage, String body, String policy) {
    }

    @Test
    void gitsDiscoveryWithoutDotGitIsTheSameNotSupportedForPublicPrivateAndMissingRepositoriesWhoeverAsks() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("gitc");
        Accounts.SignedIn stranger = accounts.signUp("gitc");
        String ns = owner.username();
        create(owner, "open", "model", "public");
        create(owner, "closed", "model", "private");
        create(owner, "data", "dataset", "public");
        create(owner, "secret-data", "dataset", "private");
        String bareOpen = Accounts.uniqueName("bare-open");
        String bareClosed = Accounts.uniqueName("bare-closed");
        fixtures.model(bareOpen).save();
        fixtures.model(bareClosed).owner(ns).privateRepo().save();
        fixtures.dataset(bareOpen).save();
        fixtures.dataset(bareClosed).owner(ns).privateRepo().save();

        List<String> paths = List.of(
                "/" + ns + "/open", "/" + ns + "/closed", "/" + ns + "/missing",
                "/" + bareOpen, "/" + bareClosed, "/" + Accounts.uniqueName("bare-missing"),
                "/datasets/" + ns + "/data", "/datasets/" + ns + "/secret-data", "/datasets/" + ns + "/missing",
                "/datasets/" + bareOpen, "/datasets/" + bareClosed, "/datasets/" + Accounts.uniqueName("bare-missing"));
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("a stranger signed in", "Bearer " + stranger.token());
        callers.put("the owner signed in", "Bearer " + owner.token());
        callers.put("the owner's access token", "Bearer " + members.token(owner, "write").token());
        callers.put("git's Basic credentials", "Basic " + java.util.Base64.getEncoder().encodeToString((ns + ":x").getBytes()));

        Seen expected = new Seen(404, "text/plain;charset=UTF-8", HubDocs.GIT_UNSUPPORTED, HubDocs.GIT_UNSUPPORTED + "\n", API_POLICY);
        List<String> differences = new ArrayList<>();
        for (String repo : paths) {
            for (String service : List.of("git-upload-pack", "git-receive-pack")) {
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    Seen seen = get(repo + "/info/refs?service=" + service, caller.getValue());
                    if (!seen.equals(expected)) {
                        differences.add(repo + " " + service + " as " + caller.getKey() + ": " + seen);
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
        // the .git form answers the same
        assertThat(get("/" + ns + "/closed.git/info/refs?service=git-upload-pack", null)).isEqualTo(expected);
    }

    @Test
    void withoutGitsParameterThePathsAreStillThePages() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("gitc");
        String ns = owner.username();
        create(owner, "paged", "model", "public");
        create(owner, "paged-data", "dataset", "public");

        Seen refsPage = get("/" + ns + "/paged/refs", null);
        assertThat(refsPage.status()).isEqualTo(200);
        assertThat(refsPage.contentType()).startsWith("text/html");
        assertThat(refsPage.body()).contains("main");
        assertThat(get("/datasets/" + ns + "/paged-data/refs", null).status()).isEqualTo(200);
        // /{name}/info/refs without git's parameter: the branches page of a repository {name}/info (none here)
        Seen page = get("/" + ns + "/info/refs", null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.policy()).startsWith("default-src 'self'");
        // and /{namespace}/{name}/info/refs without it is no route at all: no git answer either
        assertThat(get("/" + ns + "/paged/info/refs", null).body()).doesNotContain("git clone");
        // /api/... is never a namespace: the Hub's refs of a model "info", even with git's parameter
        Seen hubRefs = get("/api/models/info/refs?service=git-upload-pack", null);
        assertThat(hubRefs.status()).isEqualTo(404);
        assertThat(hubRefs.contentType()).startsWith("application/json");
        assertThat(hubRefs.body()).doesNotContain("git clone");
    }

    private void create(Accounts.SignedIn owner, String name, String type, String visibility) throws Exception {
        mvc.perform(post("/api/repos/create").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"organization\":\"" + owner.username() + "\",\"visibility\":\""
                                + visibility + "\",\"type\":\"" + type + "\"}"))
                .andExpect(status().isOk());
    }

    private Seen get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("User-Agent", "git/2.43.0").header("Accept", "*/*").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Seen(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("").replace(" ", ""),
                answer.headers().firstValue("X-Error-Message").orElse(""), answer.body(),
                answer.headers().firstValue("Content-Security-Policy").orElse(""));
    }
}
