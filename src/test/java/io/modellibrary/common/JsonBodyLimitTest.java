package io.modellibrary.common;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON request bodies are bounded ({@link JsonBodyLimit}) over real HTTP, declared or chunked:
 * a body past the bound is a 413 in the face's form, and the server answers afterwards; a small
 * chunked body is read as before.
 */
@FullStackTest
class JsonBodyLimitTest {

    private static final String LFS = "application/vnd.git-lfs+json";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anAnonymousLfsBatchPastTheBoundIsRefusedInTheLfsForm() throws Exception {
        String path = "/" + Accounts.uniqueName("nobody") + "/model.git/info/lfs/objects/batch";
        HttpResponse<String> chunked = send(path, LFS, null, paddedBatch(JsonBodyLimit.MAX_BYTES + 1));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(LFS));
        assertThat(chunked.body()).contains("\"message\"").contains("16 MiB");

        String declared = headersOnly(path, LFS, JsonBodyLimit.MAX_BYTES + 1L);
        assertThat(declared).startsWith("HTTP/1.1 413").doesNotContain("100 Continue").contains("16 MiB");

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /**
     * Sends a POST's head only, declaring {@code length} bytes and {@code Expect: 100-continue} as
     * curl does for a large body, and answers what the server sends before any body byte: the
     * refusal, without a {@code 100 Continue} that would make the client send it all.
     */
    private String headersOnly(String path, String type, long length) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aHubCreatePastTheBoundIsRefusedAndCreatesNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("jsonlimit");
        byte[] head = ("{\"name\":\"big\",\"type\":\"model\",\"files\":[{\"path\":\"a.txt\",\"encoding\":\"utf-8\",\"content\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, JsonBodyLimit.MAX_BYTES + 100);
        Arrays.fill(body, head.length, body.length - 4, (byte) 'x');
        System.arraycopy("\"}]}".getBytes(StandardCharsets.UTF_8), 0, body, body.length - 4, 4);
        HttpResponse<String> refused = send("/api/repos/create", "application/json", alice.token(), body);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("X-Error-Message")).hasValueSatisfying(m -> assertThat(m).contains("16 MiB"));
        HttpResponse<String> absent = http.send(HttpRequest.newBuilder(url("/api/models/" + alice.username() + "/big")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(absent.statusCode()).isEqualTo(404);
    }

    @Test
    void aSmallChunkedJsonBodyIsReadAsBefore() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("jsonchunk");
        byte[] body = ("{\"name\":\"small\",\"type\":\"model\",\"files\":[{\"path\":\"a.txt\",\"encoding\":\"utf-8\",\"content\":\"hello\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = send("/api/repos/create", "application/json", alice.token(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> file = http.send(HttpRequest.newBuilder(url("/" + alice.username() + "/small/resolve/main/a.txt"))
                .header("Authorization", "Bearer " + alice.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.body()).isEqualTo("hello");
    }

    /** An LFS download batch of {@code size} bytes: valid JSON, padded with spaces. */
    private static byte[] paddedBatch(int size) {
        byte[] head = "{\"operation\":\"download\",\"transfers\":[\"basic\"],\"objects\":[".getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, size);
        Arrays.fill(body, head.length, size - 2, (byte) ' ');
        body[size - 2] = ']';
        body[size - 1] = '}';
        return body;
    }

    /** POSTs {@code body} chunked, without a {@code Content-Length}. */
    private HttpResponse<String> send(String path, String type, String token, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", type);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
