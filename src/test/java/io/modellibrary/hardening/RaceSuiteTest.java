package io.modellibrary.hardening;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.content.StoreCheck;
import io.modellibrary.support.ContainerDatabase;
import io.modellibrary.support.MultipartForm;
import io.modellibrary.support.MutableClock;
import io.modellibrary.support.ServerErrors;
import io.modellibrary.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race suite (issue 15), over real HTTP as real users: 50 writers at once on one repository,
 * creates of one name at once, renames, likes, a deletion racing uploads. Every acknowledged
 * change is in history and in the tree; every refusal is a clear 409 (404 when the target went
 * first; the seed's own refusal of a taken name is its documented {@code "item already exists"})
 * with nothing left behind; after a collection the store holds the blobs still referenced and
 * none of the refused or deleted ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"modellibrary.demo-data=false",
        "modellibrary.storage.grace=0s", "modellibrary.storage.lease=300ms", "modellibrary.storage.gc-interval=1h"})
@Import({ContainerDatabase.class, TestClock.class})
class RaceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String BOUNDARY = "raceboundary5c2e";

    @LocalServerPort
    int port;
    @Autowired
    BlobStore blobs;
    @Autowired
    BlobCollector collector;
    @Autowired
    MutableClock clock;
    @Autowired
    StoreCheck storeCheck;

    @Autowired
    io.modellibrary.common.ModelLibraryProperties properties;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Answer(int status, JsonNode json, String body, String retryAfter) {
        /**
         * 503 with {@code Retry-After}: an upload that ran longer than its hold (300 ms here) and lost
         * its blobs to the collector (HoldLostException); nothing was committed, sending it again works.
         */
        boolean sendAgain() {
            return status == 503 && retryAfter != null;
        }

        int code() {
            return json == null ? -1 : json.path("code").asInt(-1);
        }

        String commit() {
            return json.at("/data/commit/id").asText(null);
        }

        boolean changed() {
            return json.at("/data/changed").asBoolean(false);
        }
    }

    @Test
    void fiftyWritersOnOneRepositoryLoseNothingAcknowledgedAndLeaveNothingRefused() throws Exception {
        String alice = register("racer");
        String name = alice.split(" ")[0] + "/many";
        String token = alice.split(" ")[1];
        assertThat(createRepo(token, name).code()).isZero();
        int writers = 50;
        // distinct files to delete (one each) and one every writer deletes
        Map<String, byte[]> seed = new HashMap<>();
        for (int w = 0; w < writers; w++) {
            seed.put("del/d" + w + ".txt", ("to delete " + w).getBytes(StandardCharsets.UTF_8));
        }
        seed.put("same/x.txt", "everyone deletes me".getBytes(StandardCharsets.UTF_8));
        seed.put("shared.txt", "shared v0".getBytes(StandardCharsets.UTF_8));
        Answer first = upload(token, name, null, seed);
        assertThat(first.status()).isEqualTo(200);
        String firstHead = first.commit();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, String> expectedFiles = new ConcurrentHashMap<>();
        Set<String> deletedForSure = ConcurrentHashMap.newKeySet();
        Set<String> refusedContent = ConcurrentHashMap.newKeySet();
        Set<String> lostContent = ConcurrentHashMap.newKeySet();
        List<String> unclear = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sameDeletes = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit((Callable<Void>) () -> {
                go.await();
                // 1. an upload of its own file, half of them based on the first head (most of those lose: 409)
                String path = "w/" + writer + ".txt";
                byte[] content = ("writer " + writer + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
                Answer up = upload(token, name, writer % 2 == 0 ? firstHead : null, Map.of(path, content));
                if (up.status() == 200 && up.changed()) {
                    acknowledged.add(up.commit());
                    expectedFiles.put(path, new String(content, StandardCharsets.UTF_8));
                } else if (up.status() == 409 && writer % 2 == 0) {
                    refusedContent.add(sha256(content));
                } else if (up.sendAgain()) {
                    lostContent.add(sha256(content));
                } else {
                    unclear.add("upload " + up.status() + " " + up.body());
                }
                // 2. a text edit of the shared file
                Answer edit = send(token, HttpRequest.newBuilder(uri("/api/files/text")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"path\":\"shared.txt\",\"content\":\"edit "
                                + writer + "\"}")));
                if (edit.status() == 200 && edit.changed()) {
                    acknowledged.add(edit.commit());
                } else if (!(edit.status() == 200 && !edit.changed()) && !edit.sendAgain()) {
                    unclear.add("edit " + edit.status() + " " + edit.body());
                }
                // 3. a delete of its own file, and of the file everyone deletes
                Answer del = send(token, HttpRequest.newBuilder(uri("/api/files?name=" + enc(name) + "&path=" + enc("del/d" + writer + ".txt"))).DELETE());
                if (del.status() == 200 && del.changed()) {
                    acknowledged.add(del.commit());
                    deletedForSure.add("del/d" + writer + ".txt");
                } else {
                    unclear.add("own delete " + del.status() + " " + del.body());
                }
                Answer same = send(token, HttpRequest.newBuilder(uri("/api/files?name=" + enc(name) + "&path=same%2Fx.txt")).DELETE());
                if (same.status() == 200 && same.changed()) {
                    acknowledged.add(same.commit());
                    sameDeletes.incrementAndGet();
                } else if (same.status() != 404) {
                    unclear.add("same delete " + same.status() + " " + same.body());
                }
                return null;
            }));
        }
        try (ServerErrors errors = ServerErrors.record()) {
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(unclear).as(() -> "answers that were neither an acknowledged change nor a clear refusal; the server's errors: "
                    + errors.describe()).isEmpty();
        }
        assertThat(sameDeletes.get()).as("the file everyone deleted was deleted once").isEqualTo(1);
        List<String> history = history(token, name);
        assertThat(history).as("every acknowledged commit is in history").containsAll(acknowledged);
        assertThat(history).as("and nothing else but the first").hasSize(acknowledged.size() + 1);
        for (Map.Entry<String, String> e : expectedFiles.entrySet()) {
            assertThat(download(token, name, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        for (String path : deletedForSure) {
            assertThat(status(token, "/api/files/download?name=" + enc(name) + "&path=" + enc(path))).as(path).isEqualTo(404);
        }
        assertThat(status(token, "/api/files/download?name=" + enc(name) + "&path=same%2Fx.txt")).isEqualTo(404);
        assertThat(download(token, name, "shared.txt")).startsWith("edit ");

        assertThat(refusedContent).as("some uploads based on the first head were refused").isNotEmpty();
        collectOnceLeasesExpired();
        for (String content : expectedFiles.values()) {
            assertThat(blobs.exists(sha256(content.getBytes(StandardCharsets.UTF_8)))).as("a committed blob").isTrue();
        }
        for (String sha : lostContent) {
            assertThat(blobs.exists(sha)).as("a blob of an upload refused with 503 (its hold ran out)").isFalse();
        }
        for (String sha : refusedContent) {
            assertThat(blobs.exists(sha)).as("a blob of an upload refused with 409").isFalse();
        }
        assertStoreHoldsExactlyTheReferencedBlobs();
    }

    @Test
    void createsOfOneNameAtOnceMakeOneRepositoryRenamesAndLikesCountOnce() throws Exception {
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(register("liker").split(" "));
        }
        String owner = users.get(0)[0];
        String token = users.get(0)[1];
        String name = owner + "/contested";
        List<Answer> creates = parallel(20, i -> createRepo(token, name));
        assertThat(creates).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(creates.stream().filter(a -> a.json().at("/data/options/name").asText("").equals(name)).count())
                .as("exactly one create of the name succeeds").isEqualTo(1);
        assertThat(creates.stream().filter(a -> "item already exists".equals(a.json().path("msg").asText())).count()).isEqualTo(19);
        JsonNode mine = JSON.readTree(send(token, HttpRequest.newBuilder(uri("/api/personalFiles")).GET()).body());
        assertThat(mine.at("/data/list").findValues("name").stream().filter(n -> n.asText().equals(name)).count()).as("listed once: %s", mine).isEqualTo(1);

        // likes from everyone at once, twice each: counted once per user
        List<Answer> likes = parallel(users.size() * 2, i -> send(users.get(i % users.size())[1],
                HttpRequest.newBuilder(uri("/api/like?name=" + enc(name))).POST(HttpRequest.BodyPublishers.noBody())));
        assertThat(likes).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        JsonNode detail = JSON.readTree(send(token, HttpRequest.newBuilder(uri("/api/model?name=" + enc(name))).GET()).body());
        assertThat(detail.at("/data/options/likes").asInt()).isEqualTo(users.size());

        // renames to different names at once: one wins, the others find the old name gone (404)
        List<Answer> renames = parallel(6, i -> send(token, HttpRequest.newBuilder(uri("/api/model?name=" + enc(name)))
                .header("Content-Type", "application/json").method("PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"newName\":\"" + owner + "/renamed" + i + "\"}"))));
        List<String> won = new ArrayList<>();
        for (int i = 0; i < renames.size(); i++) {
            Answer a = renames.get(i);
            if (a.status() == 200 && a.code() == 0 && a.json().at("/data/options/name").asText("").equals(owner + "/renamed" + i)) {
                won.add(owner + "/renamed" + i);
            } else {
                assertThat(a.status()).as("a losing rename: %s", a.body()).isIn(404, 409);
            }
        }
        // a rename that came after another one found the repository through its old name (kept as
        // an alias) and moved it on: every acknowledged rename happened, the last one's name is current,
        // and every name it had still leads to it
        assertThat(won).as("at least one rename wins").isNotEmpty();
        String id = null;
        for (String w : won) {
            JsonNode found = JSON.readTree(send(token, HttpRequest.newBuilder(uri("/api/model?name=" + enc(w))).GET()).body());
            assertThat(found.at("/data/options/id").asText(null)).as(w).isNotNull();
            id = id == null ? found.at("/data/options/id").asText() : id;
            assertThat(found.at("/data/options/id").asText()).as("%s is the same repository", w).isEqualTo(id);
        }
        JsonNode renamed = JSON.readTree(send(token, HttpRequest.newBuilder(uri("/api/model?name=" + enc(won.get(0)))).GET()).body());
        assertThat(renamed.at("/data/options/likes").asInt()).as("the likes moved with it").isEqualTo(users.size());
    }

    @Test
    void aDeletionRacingUploadsLeavesNothingOfTheRepository() throws Exception {
        String[] user = register("deleter").split(" ");
        String token = user[1];
        String name = user[0] + "/doomed";
        assertThat(createRepo(token, name).code()).isZero();
        byte[] before = ("before " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        assertThat(upload(token, name, null, Map.of("before.bin", before)).status()).isEqualTo(200);
        Set<String> shas = ConcurrentHashMap.newKeySet();
        shas.add(sha256(before));
        List<Answer> answers = parallel(21, i -> {
            if (i == 10) {
                return send(token, HttpRequest.newBuilder(uri("/api/model?name=" + enc(name))).DELETE());
            }
            byte[] content = new byte[200_000 + i];
            new java.util.Random(System.nanoTime()).nextBytes(content);
            shas.add(sha256(content));
            return upload(token, name, null, Map.of("u" + i + ".bin", content));
        });
        assertThat(answers.get(10).status()).isEqualTo(200);
        assertThat(answers.get(10).code()).isZero();
        for (Answer a : answers) {
            assertThat(a.status() == 200 || a.status() == 404 || a.sendAgain()).as("an upload racing the deletion: %s", a.body()).isTrue();
        }
        JsonNode gone = JSON.readTree(send(token, HttpRequest.newBuilder(uri("/api/filesTable?name=" + enc(name))).GET()).body());
        assertThat(gone.path("msg").asText()).isEqualTo("no such item");
        // the name is free: a new repository of that name starts empty, with no history
        assertThat(createRepo(token, name).code()).isZero();
        assertThat(history(token, name)).isEmpty();
        collectOnceLeasesExpired();
        for (String sha : shas) {
            assertThat(blobs.exists(sha)).as("a blob only the deleted repository had").isFalse();
        }
        assertStoreHoldsExactlyTheReferencedBlobs();
    }

    /**
     * An upload that stalls past its hold (300 ms here) while a collection takes its blob for a dead
     * writer's and deletes it: the upload is refused with 503 and {@code Retry-After} (never a 500, never
     * a commit naming a missing blob), nothing of it stays, and sent again it lands. (Under load in CI
     * one of the fifty writers above met this and was answered 500.)
     */
    @Test
    void anUploadWhoseBlobWasCollectedWhileItStalledIs503AndLandsWhenSentAgain() throws Exception {
        String[] user = register("stalled").split(" ");
        String token = user[1];
        String name = user[0] + "/stalled";
        assertThat(createRepo(token, name).code()).isZero();
        byte[] weights = new byte[(2 << 20) + 7]; // over a megabyte: published as soon as its part is read
        new java.util.Random(System.nanoTime()).nextBytes(weights);
        byte[] body = new MultipartForm(BOUNDARY).field("name", name).file("file", "weights.bin", "application/octet-stream", weights)
                .file("file", "after.bin", "application/octet-stream", new byte[400_000]).build();
        int split = body.length - 200_000; // in the second file, far past the end of the first one's part
        CountDownLatch resume = new CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Answer> stalled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return send(token, HttpRequest.newBuilder(uri("/api/files")).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                                new java.io.ByteArrayInputStream(body, 0, split), waitingFor(resume, body, split)))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String sha = sha256(weights);
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> blobs.exists(sha));
        clock.advance(Duration.ofMillis(400)); // past the upload's hold: its blob looks like a dead writer's
        collector.collectNow();
        assertThat(blobs.exists(sha)).as("collected while the upload stalled").isFalse();
        resume.countDown();

        Answer refused = stalled.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.json().path("msg").asText()).contains("send it again");
        assertThat(history(token, name)).as("nothing committed").isEmpty();

        Answer again = send(token, HttpRequest.newBuilder(uri("/api/files")).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(history(token, name)).hasSize(1);
        assertThat(blobs.exists(sha)).isTrue();
    }

    /** The rest of {@code body} from {@code from}, once {@code resume} is counted down. */
    private static java.io.InputStream waitingFor(CountDownLatch resume, byte[] body, int from) {
        return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(body, from, body.length - from)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                return super.read(b, off, len);
            }
        };
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Two hours pass: on the application's clock (leases, candidates) and on the disk, where
     * the collector reads an unindexed blob's age from its file (a file younger than the grace
     * period may belong to an upload still in progress). A background collection (woken by the
     * test's last commits) may delete files and folders meanwhile: those are passed over (a
     * {@code NoSuchFileException} here failed the suite once).
     */
    private void collectOnceLeasesExpired() throws java.io.IOException {
        clock.advance(Duration.ofHours(2));
        java.nio.file.attribute.FileTime earlier = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - Duration.ofHours(2).toMillis());
        java.nio.file.Files.walkFileTree(properties.dataDir().resolve("blobs"), new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes attributes)
                    throws java.io.IOException {
                try {
                    java.nio.file.Files.setLastModifiedTime(file, earlier);
                } catch (java.nio.file.NoSuchFileException collected) {
                    // deleted by a collection meanwhile
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path file, java.io.IOException e) throws java.io.IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE; // a folder or file removed meanwhile
                }
                throw e;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(java.nio.file.Path dir, java.io.IOException e) throws java.io.IOException {
                if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        collector.collectNow();
        collector.collectNow();
    }

    /**
     * The consistency check's view: every blob some folder of some commit names is stored with
     * its size, and the store holds nothing else (the number of files equals the number of
     * distinct referenced blobs).
     */
    private void assertStoreHoldsExactlyTheReferencedBlobs() {
        StoreCheck.Report report = storeCheck.run(false);
        assertThat(report.damaged()).as("referenced blobs missing or damaged").isEmpty();
        assertThat(report.stored()).as("blob files beside the %d referenced ones: %s", report.referenced(), report.unreferenced())
                .isEqualTo(report.referenced());
    }

    private interface Call {
        Answer call(int i) throws Exception;
    }

    private List<Answer> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                return call.call(index);
            }));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        return answers;
    }

    /** "username token". */
    private String register(String prefix) throws Exception {
        String username = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(Math.floorMod(System.nanoTime(), 1_000_000L), 36);
        MultipartForm form = new MultipartForm(BOUNDARY).field("username", username).field("password", PASSWORD);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/register/submitUserInfo"))
                .header("Content-Type", form.contentType()).POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return username + " " + r.headers().firstValue("Authorization").orElseThrow();
    }

    private Answer createRepo(String token, String name) throws Exception {
        return send(token, HttpRequest.newBuilder(uri("/api/model")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"isPrivate\":false}")));
    }

    private Answer upload(String token, String name, String parentCommit, Map<String, byte[]> files) throws Exception {
        MultipartForm form = new MultipartForm(BOUNDARY).field("name", name);
        if (parentCommit != null) {
            form.field("parentCommit", parentCommit);
        }
        form.files(files);
        return send(token, HttpRequest.newBuilder(uri("/api/files")).header("Content-Type", form.contentType()).POST(form.publisher()));
    }

    private List<String> history(String token, String name) throws Exception {
        Answer answer = send(token, HttpRequest.newBuilder(uri("/api/commits?limit=200&name=" + enc(name))).GET());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode list = answer.json().at("/data/list");
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.path("id").asText()));
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        return ids;
    }

    private String download(String token, String name, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/files/download?name=" + enc(name) + "&path=" + enc(path)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private int status(String token, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Answer send(String token, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(r.body());
        } catch (RuntimeException e) {
            // not JSON
        }
        return new Answer(r.statusCode(), json, r.body(), r.headers().firstValue("Retry-After").orElse(null));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
