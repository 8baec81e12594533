package io.modellibrary.files;

import io.modellibrary.ModelLibraryApplication;
import io.modellibrary.blob.BlobCollector;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.S3Bucket;
import io.modellibrary.support.TestDatabaseEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Two servers on one database and one S3 bucket, as a scaled-out deployment runs them: two
 * application contexts in this JVM, the second joining the first's embedded database through
 * its Unix socket ({@code MONGODB_URI}, as the README describes) with its own data directory.
 * What one server stored, the other serves; both collecting at once removes nothing referenced.
 */
class TwoServersTest {

    private static final String BUCKET = "two-servers";
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTwoServers() throws Exception {
        assumeFalse(TestDatabaseEnvironment.useContainer(), "joins the first server's embedded database");
        first = start(Map.of());
        String database = first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
        String secret = Files.readString(first.getBean(ModelLibraryProperties.class).dataDir().resolve("jwt-secret")).trim();
        second = start(Map.of("spring.mongodb.uri", database, "modellibrary.jwt.secret", secret));
    }

    private static ConfigurableApplicationContext start(Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(S3Bucket.properties(BUCKET));
        properties.put("server.port", "0");
        properties.put("modellibrary.storage.grace", "0s");
        properties.put("modellibrary.storage.lease", "1s");
        properties.put("modellibrary.storage.gc-interval", "1h");
        properties.putAll(more);
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(ModelLibraryApplication.class, HeaderAuthentication.class).run(arguments);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{second, first}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void aFileUploadedThroughOneServerDownloadsThroughTheOther() throws Exception {
        String name = newRepo();
        byte[] weights = bytes(3 * 1024 * 1024 + 5, 21);
        upload(first, name, "weights/model.bin", weights);

        HttpResponse<byte[]> whole = download(second, name, "weights/model.bin", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(sha256(whole.body())).isEqualTo(sha256(weights));
        HttpResponse<byte[]> tail = download(second, name, "weights/model.bin", "bytes=-1000");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(weights, weights.length - 1000, weights.length));
    }

    @Test
    void bothServersCollectingAtOnceRemoveNothingReferenced() throws Exception {
        byte[] shared = bytes(200_000, 31);
        byte[] onlyInTheDeleted = bytes(200_000, 32);
        String kept = newRepo();
        String deleted = newRepo();
        upload(first, kept, "shared.bin", shared);
        upload(second, deleted, "shared.bin", shared);
        upload(second, deleted, "own.bin", onlyInTheDeleted);
        HttpResponse<String> deletion = http.send(request(first, "/api/model?name=" + enc(deleted)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deletion.statusCode()).as(deletion.body()).isEqualTo(200);

        // Both collect at once, again and again, until the uploads' 1 s leases have run out and the blob went.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List.of(CompletableFuture.supplyAsync(() -> first.getBean(BlobCollector.class).collectNow()),
                    CompletableFuture.supplyAsync(() -> second.getBean(BlobCollector.class).collectNow()))
                    .forEach(CompletableFuture::join);
            return !inBucket(sha256(onlyInTheDeleted));
        });

        for (ConfigurableApplicationContext server : List.of(first, second)) {
            HttpResponse<byte[]> download = download(server, kept, "shared.bin", null);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(sha256(shared));
        }
    }

    private String newRepo() {
        String name = uniqueName("two-servers");
        new Fixtures(first.getBean(MongoTemplate.class), first).model(name).owner("alice").save();
        return name;
    }

    private void upload(ConfigurableApplicationContext server, String name, String path, byte[] content) throws Exception {
        byte[] body = new MultipartBody().field("name", name).file(path, content).build();
        HttpResponse<String> response = http.send(request(server, "/api/files").header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<byte[]> download(ConfigurableApplicationContext server, String name, String path, String range) throws Exception {
        HttpRequest.Builder request = request(server, "/api/files/download?name=" + enc(name) + "&path=" + enc(path));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext server, String pathAndQuery) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).timeout(Duration.ofMinutes(1))
                .header(HeaderAuthentication.HEADER, "alice");
    }

    private static boolean inBucket(String sha) throws Exception {
        try (var client = S3Bucket.server().client()) {
            return !client.listObjectsV2(b -> b.bucket(BUCKET).prefix(sha.substring(0, 2) + "/" + sha)).contents().isEmpty();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
