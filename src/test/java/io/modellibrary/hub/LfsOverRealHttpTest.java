package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The LFS {@code basic} PUT over real HTTP: the body goes from Tomcat's buffer straight into the
 * upload path's direct buffers ({@code transfer.RequestBodyStream#read(ByteBuffer)}, Servlet 6.1's
 * {@code read(ByteBuffer)} underneath), which MockMvc does not exercise.
 */
@FullStackTest
class LfsOverRealHttpTest {

    private static final String LFS = "application/vnd.git-lfs+json";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void aBasicPutOfSeveralMegabytesIsStoredExactly() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("lfswire");
        byte[] content = new byte[5 * 1024 * 1024 + 12_345];
        new SplittableRandom(11).nextBytes(content);
        String sha = sha256(content);

        HttpResponse<String> put = put(uploadUrl(alice, "wire", sha, content.length), content);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200); // a wrong byte would be a sha256 mismatch: 400
        assertStored(alice, "wire", sha, content.length);
    }

    @Test
    void aPutLabelledAsAFormIsStoredAsTheObjectsBytes() throws Exception {
        // curl -X PUT --data-binary @model.bin <href> labels the body application/x-www-form-urlencoded;
        // it was read as a form: 413 "a form body is limited to 65536 bytes", and nothing stored
        Accounts.SignedIn alice = accounts.signUp("lfsform");
        byte[] content = new byte[300_000];
        new SplittableRandom(12).nextBytes(content);
        content[0] = '%'; // not percent-encoded UTF-8 either, as a form
        String sha = sha256(content);

        HttpResponse<String> put = put(uploadUrl(alice, "formlabel", sha, content.length), content,
                "application/x-www-form-urlencoded");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200); // stored only when its sha256 is the oid's
        assertStored(alice, "formlabel", sha, content.length);
    }

    /** An upload batch for the object in {@code repo} of {@code who} asks for nothing: the server holds it. */
    private void assertStored(Accounts.SignedIn who, String repo, String sha, long size) throws Exception {
        mvc.perform(post("/" + who.username() + "/" + repo + ".git/info/lfs/objects/batch").with(who.bearer())
                        .contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\","
                                + "\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + size + "}]}"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.objects[0].actions").doesNotExist());
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Creates model {@code repo} of {@code who} and answers the LFS batch's basic upload URL for the object, on this server's port. */
    URI uploadUrl(Accounts.SignedIn who, String repo, String sha, long size) throws Exception {
        mvc.perform(post("/api/repos/create").with(who.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + repo + "\",\"organization\":\"" + who.username() + "\",\"type\":\"model\"}"))
                .andExpect(status().isOk());
        String answer = mvc.perform(post("/" + who.username() + "/" + repo + ".git/info/lfs/objects/batch").with(who.bearer())
                        .contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\","
                                + "\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + size + "}]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        URI href = URI.create(JsonPath.read(answer, "$.objects[0].actions.upload.href"));
        return URI.create("http://localhost:" + port + href.getRawPath() + "?" + href.getRawQuery());
    }

    /** The basic PUT of {@code content} over real HTTP/1.1. */
    static HttpResponse<String> put(URI url, byte[] content) throws Exception {
        return put(url, content, null);
    }

    /** The basic PUT of {@code content} over real HTTP/1.1, labelled {@code contentType} when not null. */
    static HttpResponse<String> put(URI url, byte[] content, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
