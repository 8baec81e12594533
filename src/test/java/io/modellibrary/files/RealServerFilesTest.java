package io.modellibrary.files;

import io.modellibrary.blob.BlobStore;

import io.modellibrary.support.ContainerDatabase;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** Over real HTTP, for true parallelism, raw sockets and the container's own request handling. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "modellibrary.demo-data=false")
@Import({ContainerDatabase.class, Fixtures.class, HeaderAuthentication.class})
class RealServerFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    BlobStore blobs;
    @Autowired
    io.modellibrary.common.ModelLibraryProperties properties;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).timeout(Duration.ofMinutes(2));
    }

    private HttpRequest upload(String name, String filename, byte[] content) {
        byte[] body = new MultipartBody().field("name", name).file(filename, content).build();
        return request("/api/files").header(HeaderAuthentication.HEADER, "alice")
                .header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        return JSON.readTree(http.send(request(pathAndQuery).header(HeaderAuthentication.HEADER, "alice").build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void twentyParallelUploadsToOneRepositoryEndAsTwentyCommits() throws Exception {
        String name = uniqueName("parallel");
        fixtures.model(name).owner("alice").save();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(http.sendAsync(upload(name, "shard-" + i + ".bin", bytes(100_000, 500 + i)), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
        }

        JsonNode commits = getJson("/api/commits?limit=100&name=" + enc(name)).at("/data/list");
        assertThat(commits.size()).isEqualTo(20);
        assertThat(getJson("/api/filesTable?name=" + enc(name)).at("/data/filesTable").size()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(commits.get(i).get("parent").isNull()).isEqualTo(i == 19);
        }
    }

    @Test
    void downloadsOverTheWireAreExactWholeAndInRanges() throws Exception {
        String name = uniqueName("wire");
        fixtures.model(name).owner("alice").save();
        byte[] content = bytes(3 * 1024 * 1024 + 17, 77);
        assertThat(http.send(upload(name, "weights/model.bin", content), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        String url = "/api/files/download?path=weights%2Fmodel.bin&name=" + enc(name);
        HttpResponse<byte[]> whole = http.send(request(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("ETag")).contains("\"" + sha256(content) + "\"");
        assertThat(sha256(whole.body())).isEqualTo(sha256(content));

        HttpResponse<byte[]> middle = http.send(request(url).header("Range", "bytes=1000000-2000000").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1_000_000, 2_000_001));
        HttpResponse<byte[]> tail = http.send(request(url).header("Range", "bytes=-100").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
    }

    @Test
    void anUploadCutOffHalfwayLeavesNoFileNoCommitAndNoTemporaryFile() throws Exception {
        String name = uniqueName("interrupted");
        fixtures.model(name).owner("alice").save();
        byte[] content = bytes(4 * 1024 * 1024, 4242);
        byte[] body = new MultipartBody().field("name", name).file("big.bin", content).build();

        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/files HTTP/1.1\r\nHost: localhost\r\n" + HeaderAuthentication.HEADER + ": alice\r\n"
                    + "Content-Type: " + MultipartBody.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, body.length / 2);
            out.flush();
            awaitTrue(() -> temporaryFiles() > 0);
        }
        awaitTrue(() -> temporaryFiles() == 0);

        assertThat(getJson("/api/commits?name=" + enc(name)).at("/data/list").size()).isZero();
        assertThat(getJson("/api/filesTable?name=" + enc(name)).at("/data/filesTable").size()).isZero();
        assertThat(blobs.exists(sha256(content))).isFalse();
    }

    private long temporaryFiles() {
        try (Stream<Path> files = Files.list(properties.dataDir().resolve("blobs").resolve("tmp"))) {
            return files.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for something the server does on its own threads (a bounded wait, not a timing assertion). */
    private static void awaitTrue(BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
