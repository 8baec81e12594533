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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.ObjectMapper;

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
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
    /** How stale a server's catalogue may be: catalog.CatalogIndex rechecks the stored version at most this often. */
    private static final Duration CATALOG_RECHECK = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTwoServers() throws Exception {
        assumeFalse(TestDatabaseEnvironment.useContainer(), "joins the first server's embedded database");
        first = start(Map.of());
        second = start(Map.of("spring.mongodb.uri", databaseUri(), "modellibrary.jwt.secret-file", jwtSecretFile()));
    }

    /** The first server's embedded database, which the other servers join. */
    private static String databaseUri() {
        return first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
    }

    /** The first server's generated signing secret, which the README has a joining server read ({@code JWT_SECRET_FILE}). */
    private static String jwtSecretFile() {
        return first.getBean(ModelLibraryProperties.class).dataDir().resolve("jwt-secret").toString();
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

    /**
     * 200 operations through both servers in a seeded random order (uploads, text edits, file
     * deletes, repository deletes, downloads, renames, visibility changes): each acknowledged
     * commit reads back from the other server, each download's sha256 is the last one committed
     * there, a repository made private on one server answers 404 to another user on the other
     * within the catalogue's recheck bound, and after a collection the bucket holds exactly the
     * blobs the surviving repositories' history references (of the blobs this test made: each
     * operation's content is its own).
     */
    @Test
    void mixedOperationsThroughBothServersAgreeAndLeaveExactlyTheReferencedBlobs() throws Exception {
        Random random = new Random(20261206);
        Map<String, Map<String, String>> files = new HashMap<>();    // repository -> path -> sha256 at the head
        Map<String, Set<String>> history = new HashMap<>();          // repository -> every sha256 committed to it
        Set<String> made = new HashSet<>();
        List<String> repos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = newRepo();
            repos.add(name);
            files.put(name, new HashMap<>());
            history.put(name, new HashSet<>());
        }
        String[] paths = {"model.bin", "config.json", "data/train.bin", "data/test.bin", "README.md"};
        for (int op = 0; op < 200; op++) {
            ConfigurableApplicationContext node = random.nextBoolean() ? first : second;
            ConfigurableApplicationContext other = node == first ? second : first;
            String repo = repos.get(random.nextInt(repos.size()));
            String path = paths[random.nextInt(paths.length)];
            int kind = random.nextInt(100);
            if (kind < 30) {
                byte[] content = bytes(64 + random.nextInt(40_000), 1000 + op);
                upload(node, repo, path, content);
                committed(files, history, made, repo, path, sha256(content));
                assertDownloads(other, repo, path, sha256(content));
            } else if (kind < 42) {
                String text = "edit " + op + " of " + path + "\n";
                HttpResponse<String> edit = http.send(request(node, "/api/files/text").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", repo, "path", path, "content", text))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
                String sha = sha256(text.getBytes(StandardCharsets.UTF_8));
                committed(files, history, made, repo, path, sha);
                assertDownloads(other, repo, path, sha);
            } else if (kind < 52) {
                if (!files.get(repo).containsKey(path)) {
                    continue;
                }
                HttpResponse<String> deletion = http.send(request(node, "/api/files?name=" + enc(repo) + "&path=" + enc(path))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(deletion.statusCode()).as(deletion.body()).isEqualTo(200);
                files.get(repo).remove(path);
                assertThat(download(other, repo, path, null).statusCode()).isEqualTo(404);
            } else if (kind < 56) {
                HttpResponse<String> deletion = http.send(request(node, "/api/model?name=" + enc(repo)).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(deletion.statusCode()).as(deletion.body()).isEqualTo(200);
                repos.remove(repo);
                files.remove(repo);
                history.remove(repo);
                assertThat(http.send(request(other, "/api/models/" + repo).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(404);
                String fresh = newRepo();
                repos.add(fresh);
                files.put(fresh, new HashMap<>());
                history.put(fresh, new HashSet<>());
            } else if (kind < 62) {
                String renamed = uniqueName("two-servers-renamed");
                patch(node, repo, Map.of("newName", renamed));
                repos.set(repos.indexOf(repo), renamed);
                files.put(renamed, files.remove(repo));
                history.put(renamed, history.remove(repo));
                HttpResponse<String> seen = http.send(request(other, "/api/model?name=" + enc(renamed)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
                assertThat(seen.body()).contains("\"" + renamed + "\"");
            } else if (kind < 66) {
                patch(node, repo, Map.of("isPrivate", true));
                awaitVisibleToBob(other, repo, false);
                patch(other, repo, Map.of("isPrivate", false));
                awaitVisibleToBob(node, repo, true);
            } else if (files.get(repo).containsKey(path)) {
                assertDownloads(node, repo, path, files.get(repo).get(path));
            }
        }

        for (String repo : repos) {
            for (Map.Entry<String, String> file : files.get(repo).entrySet()) {
                assertDownloads(first, repo, file.getKey(), file.getValue());
                assertDownloads(second, repo, file.getKey(), file.getValue());
            }
        }
        Set<String> referenced = new HashSet<>();
        history.values().forEach(referenced::addAll);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            first.getBean(BlobCollector.class).collectNow();
            second.getBean(BlobCollector.class).collectNow();
            Set<String> stored = bucketBlobs();
            stored.retainAll(made);
            return stored.equals(referenced);
        });
    }

    /**
     * A node that does not hold the database stops mid-upload (its connection aborted, the
     * node closed at once, as a crash would stop it) and is started again on its data
     * directory, as an operator restarts a crashed node: no commit of the file appears on
     * either node, no multipart upload is left in the bucket, and no staged file remains.
     */
    @Test
    void aNodeStoppedMidUploadLeavesNothingPartial(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("third");
        String name = newRepo();
        Map<String, Object> third = new HashMap<>(Map.of("spring.mongodb.uri", databaseUri(), "modellibrary.jwt.secret-file", jwtSecretFile(),
                "modellibrary.test.data-dir", dataDir.toString(), "server.shutdown", "immediate",
                "modellibrary.blobs.s3.part-size", "5MB"));
        ConfigurableApplicationContext node = start(third);
        upload(node, name, "before.txt", bytes(1000, 40));
        List<String> commitsBefore = commitIds(first, name);
        assertThat(commitsBefore).hasSize(1);
        Path stagingTmp = dataDir.resolve("s3-staging").resolve("tmp");
        byte[] body = new MultipartBody().field("name", name).file("big.bin", bytes(12 * 1024 * 1024, 41)).build();
        try (Socket socket = new Socket("localhost", ((WebServerApplicationContext) node).getWebServer().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/files HTTP/1.1\r\nHost: localhost\r\n" + HeaderAuthentication.HEADER + ": alice\r\nContent-Type: "
                    + MultipartBody.contentType() + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length * 2 / 3);
            out.flush();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stagedBytes(stagingTmp) > 0);
            socket.setSoLinger(true, 0);
        }
        node.close();

        ConfigurableApplicationContext restarted = start(third);
        try {
            for (ConfigurableApplicationContext server : List.of(first, second, restarted)) {
                assertThat(download(server, name, "big.bin", null).statusCode()).isEqualTo(404);
                assertThat(commitIds(server, name)).isEqualTo(commitsBefore);
            }
            try (var client = S3Bucket.server().client()) {
                assertThat(client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
            }
            assertThat(stagedBytes(stagingTmp)).isZero();
        } finally {
            restarted.close();
        }
    }

    /** The ids of the commits on main, newest first (the Hub's list_repo_commits). */
    private List<String> commitIds(ConfigurableApplicationContext server, String name) throws Exception {
        HttpResponse<String> commits = http.send(request(server, "/api/models/" + name + "/commits/main").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(commits.statusCode()).as(commits.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(commits.body()).forEach(commit -> ids.add(commit.get("id").asString()));
        return ids;
    }

    /** Bytes in the staging folder's temporary files, 0 when it has none (or does not exist). */
    private static long stagedBytes(Path stagingTmp) throws java.io.IOException {
        if (!Files.isDirectory(stagingTmp)) {
            return 0;
        }
        try (var files = Files.list(stagingTmp)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void committed(Map<String, Map<String, String>> files, Map<String, Set<String>> history, Set<String> made,
                                  String repo, String path, String sha) {
        files.get(repo).put(path, sha);
        history.get(repo).add(sha);
        made.add(sha);
    }

    private void assertDownloads(ConfigurableApplicationContext server, String repo, String path, String sha) throws Exception {
        HttpResponse<byte[]> download = download(server, repo, path, null);
        assertThat(download.statusCode()).as(repo + " " + path).isEqualTo(200);
        assertThat(sha256(download.body())).as(repo + " " + path).isEqualTo(sha);
    }

    private void patch(ConfigurableApplicationContext server, String repo, Map<String, Object> change) throws Exception {
        HttpResponse<String> response = http.send(request(server, "/api/model?name=" + enc(repo)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(change))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * Polls, as bob, the Hub's model info (200, or 404 as for a repository that does not exist)
     * and the catalogue's list (names it or not) until both agree with {@code visible}, within
     * the catalogue's recheck bound plus margin.
     */
    private void awaitVisibleToBob(ConfigurableApplicationContext server, String repo, boolean visible) {
        org.awaitility.Awaitility.await().atMost(CATALOG_RECHECK.plusSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int info = http.send(request(server, "/api/models/" + repo).setHeader(HeaderAuthentication.HEADER, "bob").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            String list = http.send(request(server, "/api/modelList?name=" + enc(repo)).setHeader(HeaderAuthentication.HEADER, "bob").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return info == (visible ? 200 : 404) && list.contains("\"" + repo + "\"") == visible;
        });
    }

    /** The sha256 of every blob in the bucket (keys {@code <sha256[0:2]>/<sha256>}). */
    private static Set<String> bucketBlobs() {
        try (var client = S3Bucket.server().client()) {
            Set<String> shas = new HashSet<>();
            client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()
                    .forEach(o -> shas.add(o.key().substring(o.key().lastIndexOf('/') + 1)));
            return shas;
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
