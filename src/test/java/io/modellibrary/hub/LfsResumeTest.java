package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.blob.BlobCollector;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Resuming a Git LFS multipart upload (docs/hub-api.md §5.2, "Resuming"): the parts a server
 * received whole are kept and listed in the batch answer's {@code upload.stored_parts}, a part cut
 * off mid-body is not, the parts of an abandoned upload go after a day, a completion whose whole
 * is not the object drops them, and the upload page's batch request (session cookie and CSRF
 * token) reaches the same API, a private repository answering it as a missing one. Objects of
 * three parts of the default 16 MiB.
 */
@FullStackTest
class LfsResumeTest {

    private static final String LFS = "application/vnd.git-lfs+json";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    LfsTransfers transfers;
    @Autowired
    BlobCollector collector;
    @Autowired
    ModelLibraryProperties app;
    @LocalServerPort
    int port;

    /**
     * Unique to this run of the class: the shared context keeps every other class's objects, and
     * a same-sized object from the same seed elsewhere would already be stored (no upload action).
     */
    private static final long RUN = new java.security.SecureRandom().nextLong();

    /** A three-part object: two whole parts and a short last one, its content new to the store. */
    private byte[] threeParts(int seed) {
        byte[] content = new byte[(int) (transfers.multipartAbove() + 1000)];
        new Random(RUN * 31 + seed).nextBytes(content);
        return content;
    }

    private String createRepo(Accounts.SignedIn user, String name, boolean isPrivate) throws Exception {
        mvc.perform(post("/api/repos/create").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"organization\":\"" + user.username() + "\",\"private\":" + isPrivate
                                + ",\"type\":\"model\"}"))
                .andExpect(status().isOk());
        return user.username() + "/" + name;
    }

    /** A new user's repository and a three-part object, with the batch's first answer for it. */
    private record Started(Accounts.SignedIn owner, String id, byte[] content, String sha, String answer) {
        byte[] part(int n, long partSize) {
            return Arrays.copyOfRange(content, (int) ((n - 1) * partSize), (int) Math.min(content.length, n * partSize));
        }
    }

    private Started start(String repo, boolean isPrivate, int seed) throws Exception {
        Accounts.SignedIn owner = accounts.signUp("resume");
        String id = createRepo(owner, repo, isPrivate);
        byte[] content = threeParts(seed);
        String sha = LfsOverRealHttpTest.sha256(content);
        return new Started(owner, id, content, sha, batch(owner.bearer(), id, sha, content.length));
    }

    /** The parts the batch answers as kept, asked again now. */
    private List<Integer> keptNow(Started s) throws Exception {
        return storedPartNumbers(batch(s.owner().bearer(), s.id(), s.sha(), s.content().length));
    }

    private static String batchBody(String sha, long size) {
        return "{\"operation\":\"upload\",\"transfers\":[\"basic\",\"multipart\"],\"hash_algo\":\"sha256\","
                + "\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + size + "}]}";
    }

    /** The batch answer (a Hub client's request, with a token). */
    private String batch(RequestPostProcessor who, String id, String sha, long size) throws Exception {
        return mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").with(who).contentType(LFS).accept(LFS)
                        .content(batchBody(sha, size)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String partUrl(String answer, int part) {
        Map<String, String> header = JsonPath.read(answer, "$.objects[0].actions.upload.header");
        return header.get(String.format("%05d", part));
    }

    private static List<Integer> storedPartNumbers(String answer) {
        return JsonPath.read(answer, "$.objects[0].actions.upload.stored_parts[*].partNumber");
    }

    private byte[] slice(Started s, int part) {
        return s.part(part, transfers.partSize());
    }

    /** PUTs one part; answers its ETag without quotes. */
    private String putPart(String answer, int part, byte[] body) throws Exception {
        String etag = mvc.perform(put(URI.create(partUrl(answer, part))).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
        return etag.replace("\"", "");
    }

    private org.springframework.test.web.servlet.ResultActions complete(String answer, String sha, List<String> etags) throws Exception {
        StringBuilder body = new StringBuilder("{\"oid\":\"" + sha + "\",\"parts\":[");
        for (int i = 0; i < etags.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"partNumber\":").append(i + 1).append(",\"etag\":\"").append(etags.get(i)).append("\"}");
        }
        String href = JsonPath.read(answer, "$.objects[0].actions.upload.href");
        return mvc.perform(post(URI.create(href)).contentType(LFS).accept(LFS).content(body.append("]}").toString()));
    }

    /** The folder of the parts of this upload: {@code lfs-parts/<oid>.<repository id>}, the id read from the batch's href. */
    private Path partsFolder(Started s) {
        String href = JsonPath.read(s.answer(), "$.objects[0].actions.upload.href");
        String repoId = URI.create(href).getPath().split("/")[3]; // /api/lfs/<repoId>/<oid>/complete
        return app.dataDir().resolve("lfs-parts").resolve(s.sha() + "." + repoId);
    }

    @Test
    void anInterruptedUploadContinuesWithThePartsReceivedWholeAndCommits() throws Exception {
        Started s = start("weights", false, 1);
        assertThat(storedPartNumbers(s.answer())).isEmpty();
        String etag1 = putPart(s.answer(), 1, slice(s, 1));
        cutOffMidBody(partUrl(s.answer(), 2), slice(s, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> noTemporaryFile(partsFolder(s)));

        String again = batch(s.owner().bearer(), s.id(), s.sha(), s.content().length);
        assertThat(storedPartNumbers(again)).containsExactly(1);
        assertThat((List<String>) JsonPath.read(again, "$.objects[0].actions.upload.stored_parts[*].etag")).containsExactly(etag1);

        List<String> etags = new ArrayList<>(List.of(etag1)); // part 1 is not sent again
        etags.add(putPart(again, 2, slice(s, 2)));
        etags.add(putPart(again, 3, slice(s, 3)));
        complete(again, s.sha(), etags).andExpect(status().isOk());

        assertThat(partsFolder(s)).doesNotExist();
        mvc.perform(post("/api/models/" + s.id() + "/commit/main").with(s.owner().bearer()).contentType("application/x-ndjson")
                        .content("{\"key\":\"header\",\"value\":{\"summary\":\"Resumed\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\","
                                + "\"algo\":\"sha256\",\"oid\":\"" + s.sha() + "\",\"size\":" + s.content().length + "}}\n"))
                .andExpect(status().isOk());
        byte[] downloaded = mvc.perform(get("/" + s.id() + "/resolve/main/w.bin")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(LfsOverRealHttpTest.sha256(downloaded)).isEqualTo(s.sha());
    }

    @Test
    void aPartOfTheWrongLengthIsRefusedAndNotKept() throws Exception {
        Started s = start("short", false, 2);

        mvc.perform(put(URI.create(partUrl(s.answer(), 1))).content(Arrays.copyOf(slice(s, 1), 1000)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("part 1")));

        assertThat(keptNow(s)).isEmpty();
    }

    @Test
    void aCompletionThatIsNotTheObjectDropsItsPartsSoTheNextAttemptStartsOver() throws Exception {
        Started s = start("changed", false, 3);
        byte[] other = slice(s, 1).clone();
        other[0] ^= 1; // the file changed on disk after its sha256 was computed

        List<String> etags = List.of(putPart(s.answer(), 1, other), putPart(s.answer(), 2, slice(s, 2)), putPart(s.answer(), 3, slice(s, 3)));
        assertThat(keptNow(s)).containsExactly(1, 2, 3);
        complete(s.answer(), s.sha(), etags).andExpect(status().isBadRequest());

        assertThat(keptNow(s)).isEmpty();
        assertThat(partsFolder(s)).doesNotExist();
    }

    @Test
    void thePartsOfAnUploadAbandonedForADayAreDeleted() throws Exception {
        Started s = start("abandoned", false, 4);
        putPart(s.answer(), 1, slice(s, 1));
        assertThat(keptNow(s)).containsExactly(1);

        // The folder and its part as the file system dates them when the last part arrived 25 hours ago.
        FileTime dayAgo = FileTime.from(Instant.now().minus(io.modellibrary.content.LfsObjects.PART_AGE).minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.list(partsFolder(s))) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, dayAgo);
            }
        }
        Files.setLastModifiedTime(partsFolder(s), dayAgo);
        collector.collectNow();

        assertThat(partsFolder(s)).doesNotExist();
        assertThat(keptNow(s)).isEmpty();
    }

    @Test
    void theUploadPageAsksTheBatchWithItsSessionCookieAndACsrfToken() throws Exception {
        Started s = start("page", true, 5);
        String id = s.id();
        byte[] content = s.content();
        String sha = s.sha();
        Accounts.SignedIn alice = s.owner();
        Cookie session = new Cookie(WebPages.SESSION_COOKIE, alice.token());

        mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").cookie(session).contentType(LFS).accept(LFS)
                .content(batchBody(sha, content.length))).andExpect(status().isForbidden());
        String answer = mvc.perform(post("/" + id + ".git/info/lfs/objects/batch").cookie(session).with(csrf().asHeader())
                        .contentType(LFS).accept(LFS).content(batchBody(sha, content.length)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.transfer").value("multipart"))
                .andExpect(jsonPath("$.objects[0].actions.upload.stored_parts").isEmpty())
                .andReturn().getResponse().getContentAsString();
        List<String> etags = List.of(putPart(answer, 1, slice(s, 1)), putPart(answer, 2, slice(s, 2)),
                putPart(answer, 3, slice(s, 3)));
        complete(answer, sha, etags).andExpect(status().isOk());

        String boundary = "resume-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nLarge file\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\nweights\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"lfsFile\"\r\n\r\n" + sha + " " + content.length + " big model.bin\r\n"
                + "--" + boundary + "--\r\n";
        mvc.perform(post("/" + id + "/upload/main").cookie(session).with(csrf().asHeader()).header("X-Requested-With", "XMLHttpRequest")
                        .contentType("multipart/form-data; boundary=" + boundary).content(form.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.files").value(1)).andExpect(jsonPath("$.changed").value(true));
        byte[] downloaded = mvc.perform(get("/" + id + "/resolve/main/weights/big model.bin").cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(LfsOverRealHttpTest.sha256(downloaded)).isEqualTo(sha);
    }

    @Test
    void aPrivateRepositorysBatchAnswersAnotherUserAsAMissingOne() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("resume");
        Accounts.SignedIn bob = accounts.signUp("resume");
        String id = createRepo(alice, "secret", true);
        String sha = LfsOverRealHttpTest.sha256(threeParts(6));
        long size = transfers.multipartAbove() + 1000;

        for (String repo : List.of(id, alice.username() + "/no-such-repo")) {
            mvc.perform(post("/" + repo + ".git/info/lfs/objects/batch").with(bob.bearer()).contentType(LFS).accept(LFS)
                            .content(batchBody(sha, size)))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value(HubException.REPO_NOT_FOUND_MESSAGE));
            mvc.perform(post("/" + repo + ".git/info/lfs/objects/batch").cookie(new Cookie(WebPages.SESSION_COOKIE, bob.token()))
                            .with(csrf().asHeader()).contentType(LFS).accept(LFS).content(batchBody(sha, size)))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value(HubException.REPO_NOT_FOUND_MESSAGE));
        }
    }

    /** Sends a part's headers and half its body over a raw socket, then closes it: a connection dropped mid-part. */
    private void cutOffMidBody(String url, byte[] body) throws Exception {
        URI uri = URI.create(url);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        }
    }

    private static boolean noTemporaryFile(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }
}
