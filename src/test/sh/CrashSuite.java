import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The crash suite (issue 15): kill -9 the server during a large upload, a many-file upload, a
 * repository deletion, a collection and a Git LFS upload, at a varied point (during the body,
 * right after it, during the commit); restart on the same data directory and check that no
 * partial file or commit is visible, no temporary file is left, every committed file downloads
 * with its sha256, every acknowledged commit is in history and the database opens cleanly
 * (health UP, no ERROR in the log).
 *
 * <p>Every round makes the same checks whatever its kill point hit, and prints them: 2 for
 * the interrupted request (all of it or none of it; its files download, or its deleted
 * repository's do not), 2 per repository (its listing, its history), 4 for the server (no
 * temporary file, no LFS part, health, log), and 1 more in an LFS round that kills the PUT (the
 * object, answered or sent again, commits after the restart). A deleted repository is created
 * again empty, so later rounds check as many repositories whether the deletion happened or not.
 * Ten rounds: 163 checks (crash.sh's header has the sum).
 *
 * <pre>java src/test/sh/CrashSuite.java target/model-library-0.1.0-SNAPSHOT.jar</pre>
 * Environment: CRASH_ROUNDS (default 10), CRASH_BIG_MB (default 300), CRASH_KEEP_DATA=1.
 * Prints {@code N passed, M failed}; exits 1 when a check failed.
 */
public class CrashSuite {

    static final String PASSWORD = "correct horse battery staple";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static Path jar;
    static Path base;
    static Path data;
    static int port;
    static Process server;
    static Path log;
    static int starts;
    static String user;
    static String token;
    static int passed;
    static int failed;
    static final List<String> failures = new ArrayList<>();
    /** The checks of the round in progress, as printed after it. */
    static final List<String> roundChecks = new ArrayList<>();

    /** Known state of each repository: path -> sha256 (null map: the repository does not exist). */
    static final Map<String, Map<String, String>> known = new TreeMap<>();
    /** Sizes by sha256, to compare listings. */
    static final Map<String, Long> sizes = new java.util.HashMap<>();
    /** Acknowledged commit ids per repository. */
    static final Map<String, List<String>> acknowledged = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        jar = Path.of(args.length > 0 ? args[0] : "target/model-library-0.1.0-SNAPSHOT.jar").toAbsolutePath();
        int rounds = Integer.parseInt(env("CRASH_ROUNDS", "10"));
        long bigBytes = Long.parseLong(env("CRASH_BIG_MB", "300")) * 1024 * 1024;
        base = Files.createTempDirectory(Path.of(env("TMPDIR", "/tmp")), "crash.");
        data = base.resolve("data"); // all lower case: the embedded database's socket lives here
        long began = System.nanoTime();
        try {
            start();
            user = "crash" + Long.toString(System.nanoTime() % 100000);
            token = register(user);
            for (String repo : List.of("big", "many", "gc", "hubrepo")) {
                createRepo(repo);
            }
            uploadNow("gc", Map.of("keep.txt", bytes("keep", 1000), "gone1.bin", bytes("g1", 300_000), "gone2.bin", bytes("g2", 300_000)));
            for (int round = 0; round < rounds; round++) {
                int scenario = round % 5;
                int variant = round / 5;
                long t0 = System.nanoTime();
                String what = switch (scenario) {
                    case 0 -> bigUpload(round, variant, bigBytes);
                    case 1 -> manyFiles(round, variant);
                    case 2 -> deletion(round, variant);
                    case 3 -> collection(round, variant);
                    default -> lfsUpload(round, variant, Math.max(1, bigBytes / 3));
                };
                restartAndVerify(round, what);
                long bad = roundChecks.stream().filter(c -> c.startsWith("FAIL")).count();
                System.out.printf("round %d: %s (%.1f s): %d checks, %d failed%n", round + 1, what, (System.nanoTime() - t0) / 1e9,
                        roundChecks.size(), bad);
                roundChecks.forEach(c -> System.out.println("  " + c));
                roundChecks.clear();
            }
        } catch (Throwable e) {
            check("the suite ran to its end", false, e.toString());
            e.printStackTrace();
        } finally {
            stop();
            System.out.printf("crash suite: %d rounds in %.0f s%n", rounds, (System.nanoTime() - began) / 1e9);
            if (failed == 0 && !"1".equals(System.getenv("CRASH_KEEP_DATA"))) {
                deleteTree(base);
            } else {
                System.out.println("data and logs kept in " + base);
            }
        }
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    // ---------------------------------------------------------------- scenarios

    /** A large upload through the seed API, killed at a varied point of its body or after it. */
    static String bigUpload(int round, int variant, long size) throws Exception {
        String repo = "big";
        String path = "big.bin";
        Map<String, String> before = copy(known.get(repo));
        Random random = new Random(round);
        // vary: during the body (a third, two thirds), right after it, during the commit
        double[] fractions = {0.33, 1.0, 0.66, 1.0};
        double fraction = fractions[variant % fractions.length];
        long extraMillis = variant % 2 == 1 ? 0 : 40L * variant;
        Multipart body = new Multipart().field("name", user + "/" + repo).file(path, size, random.nextLong());
        Attempt attempt = send(HttpRequest.newBuilder(uri("/api/files")).header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType()), body, (long) (body.length() * fraction), extraMillis);
        Map<String, String> after = copy(before);
        after.put(path, body.sha(path));
        settle(repo, attempt, before, after);
        return "large upload of " + (size >> 20) + " MB, killed " + attempt.describe();
    }

    /** 2,000 small files in one multipart body. */
    static String manyFiles(int round, int variant) throws Exception {
        String repo = "many";
        Map<String, String> before = copy(known.get(repo));
        Multipart body = new Multipart().field("name", user + "/" + repo);
        for (int i = 0; i < 2000; i++) {
            body.file(String.format("many/f%04d.txt", i), bytes("round " + round + " file " + i, 64 + i % 200));
        }
        double[] fractions = {0.5, 1.0, 0.9, 1.0};
        long[] extras = {0, 0, 0, 150};
        Attempt attempt = send(HttpRequest.newBuilder(uri("/api/files")).header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType()), body, (long) (body.length() * fractions[variant % 4]), extras[variant % 4]);
        Map<String, String> after = copy(before);
        body.files().forEach(after::put);
        settle(repo, attempt, before, after);
        return "2,000-file upload, killed " + attempt.describe();
    }

    /** A repository with files deleted, killed a varied time after the request. */
    static String deletion(int round, int variant) throws Exception {
        String repo = "del" + round;
        createRepo(repo);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            files.put("d/f" + i + ".bin", bytes("del " + round + " " + i, 20_000 + i));
        }
        uploadNow(repo, files);
        Map<String, String> before = copy(known.get(repo));
        long delay = new long[]{0, 15, 60, 5}[variant % 4];
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/model?name=" + enc(user + "/" + repo)))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(delay);
        kill();
        Attempt attempt = new Attempt("a deletion", delay + " ms after the request");
        attempt.outcome(answer);
        settle(repo, attempt, before, null);
        return "repository deletion, killed " + attempt.describe();
    }

    /** Files deleted, then the collector (every second here) killed while it may run. */
    static String collection(int round, int variant) throws Exception {
        String repo = "gc";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            files.put("c" + round + "/x" + i + ".bin", bytes("gc " + round + " " + i, 50_000));
        }
        uploadNow(repo, files);
        // unreference them again (the blobs become garbage), and some of the earlier rounds'
        for (String path : files.keySet()) {
            if (path.endsWith("0.bin") || path.endsWith("5.bin")) {
                continue;
            }
            deleteFileNow(repo, path);
        }
        Thread.sleep(new long[]{1200, 2100, 1600, 2600}[variant % 4]);
        kill();
        Map<String, String> same = copy(known.get(repo));
        settle(repo, new Attempt("a collection", "during collection"), same, same);
        return "collection after deleting files, killed while it ran";
    }

    /** A Hugging Face LFS upload: batch, signed PUT, NDJSON commit; killed during the PUT, after it or during the commit. */
    static String lfsUpload(int round, int variant, long size) throws Exception {
        String repo = "hubrepo";
        String id = user + "/" + repo;
        String path = "weights/model" + round + ".bin";
        Map<String, String> before = copy(known.get(repo));
        Source source = new Source(size, 1000 + round);
        String oid = source.sha256();
        String batch = "{\"operation\": \"upload\", \"transfers\": [\"basic\"], \"objects\": [{\"oid\": \"" + oid + "\", \"size\": " + size
                + "}], \"hash_algo\": \"sha256\", \"ref\": {\"name\": \"main\"}}";
        String href = uploadHref(id, batch);
        Map<String, String> after = copy(before);
        after.put(path, oid);
        sizes.put(oid, size);
        String line = "{\"key\": \"header\", \"value\": {\"summary\": \"round " + round + "\", \"description\": \"\"}}\n"
                + "{\"key\": \"lfsFile\", \"value\": {\"path\": \"" + path + "\", \"algo\": \"sha256\", \"oid\": \"" + oid
                + "\", \"size\": " + size + "}}\n";
        // built when sent: a restart moves the server to another port
        java.util.function.Supplier<HttpRequest> commit = () -> HttpRequest.newBuilder(uri("/api/models/" + id + "/commit/main"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build();
        Attempt attempt;
        switch (variant % 3) {
            case 0 -> { // during the PUT's body
                attempt = send(HttpRequest.newBuilder(URI.create(href)), source, size / 2, 0);
            }
            case 1 -> { // the object stored, killed during the commit
                put(href, source);
                CompletableFuture<HttpResponse<String>> sent = HTTP.sendAsync(commit.get(),
                        HttpResponse.BodyHandlers.ofString());
                Thread.sleep(3 + round % 7);
                kill();
                attempt = new Attempt("an LFS commit", "during the commit");
                attempt.outcome(sent);
            }
            default -> { // right after the PUT's body
                attempt = send(HttpRequest.newBuilder(URI.create(href)), source, size, 0);
            }
        }
        if (variant % 3 == 1) {
            settle(repo, attempt, before, after);
            return "LFS upload, killed " + attempt.describe();
        }
        // the PUT killed: once the server is back the object commits, answered before the kill
        // or (unanswered, nothing of it shown) sent again by the client as a Hub client would
        boolean answered = attempt.acknowledged;
        attempt = new Attempt("an LFS PUT", attempt.point);
        restart();
        boolean nothingShown = answered || same(listing(repo), before);
        if (!answered) {
            putAgain(id, batch, source);
        }
        HttpResponse<String> done = HTTP.send(commit.get(), HttpResponse.BodyHandlers.ofString());
        check(repo + ": an LFS object " + (answered ? "stored before the kill" : "sent again (the killed PUT showed nothing)")
                + " commits after the restart", nothingShown && done.statusCode() == 200, done.statusCode() + " " + done.body());
        if (done.statusCode() == 200) {
            attempt.acknowledged = true;
            attempt.commit = (String) Json.at(Json.parse(done.body()), "commitOid");
        }
        settle(repo, attempt, before, after);
        return "LFS upload, PUT " + (answered ? "answered" : "unanswered") + ", killed " + attempt.point
                + (answered ? "" : ", sent again") + ", committed after the restart";
    }

    /** The LFS batch and PUT of the object again (no PUT when the server says it has it). */
    static void putAgain(String id, String batch, Source source) throws Exception {
        String href = uploadHref(id, batch);
        if (href != null) {
            put(href, source);
        }
    }

    /** The LFS batch request's upload action for the one object (null: the server has it). */
    static String uploadHref(String id, String batch) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/" + id + ".git/info/lfs/objects/batch"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/vnd.git-lfs+json")
                .header("Accept", "application/vnd.git-lfs+json").POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200, "LFS batch: " + answer.statusCode() + " " + answer.body());
        return (String) Json.at(Json.parse(answer.body()), "objects", 0, "actions", "upload", "href");
    }

    static void put(String href, Source source) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(href))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(source.publisher(null), source.size)).build(), HttpResponse.BodyHandlers.ofString());
        require(put.statusCode() == 200, "LFS PUT: " + put.statusCode() + " " + put.body());
    }

    // ---------------------------------------------------------------- verification

    /** Records what the attempt may have left: the state before or after it (null: no repository). */
    static void settle(String repo, Attempt attempt, Map<String, String> before, Map<String, String> after) {
        pending.add(new Pending(repo, attempt, before, after));
    }

    record Pending(String repo, Attempt attempt, Map<String, String> before, Map<String, String> after) {
    }

    static final List<Pending> pending = new ArrayList<>();

    static void restartAndVerify(int round, String what) throws Exception {
        restart();
        String r = "round " + (round + 1) + ": ";
        for (Pending p : pending) {
            Map<String, String> actual = exists(p.repo) ? listing(p.repo) : null;
            if (p.attempt.acknowledged) {
                check(r + p.repo + ": an acknowledged " + p.attempt.what + " is whole after the restart", same(actual, p.after),
                        diff(p.after, actual));
                known.put(p.repo, p.after);
                if (p.attempt.commit != null) {
                    acknowledged.computeIfAbsent(p.repo, k -> new ArrayList<>()).add(p.attempt.commit);
                }
            } else {
                boolean isBefore = same(actual, p.before);
                boolean isAfter = same(actual, p.after);
                check(r + p.repo + ": " + p.attempt.what + " killed " + p.attempt.point + " is all there or not at all",
                        isBefore || isAfter, "before/after differ from the listing: " + diff(p.before, actual) + " / " + diff(p.after, actual));
                known.put(p.repo, isAfter ? p.after : p.before);
            }
            if (known.get(p.repo) == null) {
                known.remove(p.repo);
                acknowledged.remove(p.repo);
                check(r + p.repo + ": a deleted repository's files no longer download",
                        status("/api/files/download?type=model&name=" + enc(user + "/" + p.repo) + "&path=d%2Ff0.bin") == 404, "");
                // the name is free again: a new repository of that name starts empty (the listing check below)
                createRepo(p.repo);
            } else {
                verifyDownloads(r, p.repo);
            }
        }
        pending.clear();
        for (String repo : known.keySet()) {
            Map<String, String> actual = listing(repo);
            check(r + repo + ": the listing is what was committed", same(actual, known.get(repo)), diff(known.get(repo), actual));
            verifyHistory(r, repo);
        }
        check(r + "no temporary file left in blobs/tmp", emptyOrMissing(data.resolve("blobs/tmp")), list(data.resolve("blobs/tmp")));
        check(r + "no LFS part left in lfs-parts", emptyOrMissing(data.resolve("lfs-parts")), list(data.resolve("lfs-parts")));
        HttpResponse<String> health = HTTP.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString());
        check(r + "health UP after the restart", health.statusCode() == 200 && health.body().contains("\"UP\""), health.body());
        List<String> errors = Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).toList();
        check(r + "no ERROR in the log of the restarted server", errors.isEmpty(), String.join("\n", errors));
    }

    static void verifyDownloads(String r, String repo) throws Exception {
        Map<String, String> files = known.get(repo);
        int bad = 0;
        String first = "";
        for (Map.Entry<String, String> e : files.entrySet()) {
            HttpResponse<InputStream> got = HTTP.send(get("/api/files/download?type=model&name=" + enc(user + "/" + repo)
                    + "&path=" + enc(e.getKey())).build(), HttpResponse.BodyHandlers.ofInputStream());
            String sha;
            try (InputStream in = got.body()) {
                sha = sha256(in);
            }
            if (got.statusCode() != 200 || !sha.equals(e.getValue())) {
                bad++;
                first = e.getKey() + ": " + got.statusCode() + " sha256 " + sha + " expected " + e.getValue();
            }
        }
        check(r + repo + ": every committed file (" + files.size() + ") downloads with its sha256", bad == 0, bad + " bad, e.g. " + first);
    }

    static void verifyHistory(String r, String repo) throws Exception {
        List<String> ids = acknowledged.getOrDefault(repo, List.of());
        HttpResponse<String> answer = HTTP.send(get("/api/commits?type=model&limit=200&name=" + enc(user + "/" + repo)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> missing = ids.stream().filter(id -> !answer.body().contains("\"" + id + "\"")).toList();
        check(r + repo + ": every acknowledged commit (" + ids.size() + ") is in history", answer.statusCode() == 200 && missing.isEmpty(),
                "missing " + missing);
    }

    /** Every file of the repository's main tree: path -> sha256 (the download's ETag). */
    static Map<String, String> listing(String repo) throws Exception {
        Map<String, String> files = new TreeMap<>();
        listFolder(repo, "", files);
        return files;
    }

    static void listFolder(String repo, String folder, Map<String, String> into) throws Exception {
        String cursor = null;
        do {
            String q = "/api/filesTable?type=model&name=" + enc(user + "/" + repo) + (folder.isEmpty() ? "" : "&path=" + enc(folder))
                    + (cursor == null ? "" : "&cursor=" + enc(cursor));
            HttpResponse<String> answer = HTTP.send(get(q).build(), HttpResponse.BodyHandlers.ofString());
            require(answer.statusCode() == 200, "filesTable " + q + ": " + answer.statusCode() + " " + answer.body());
            Object table = Json.at(Json.parse(answer.body()), "data");
            require(table instanceof Map, "filesTable " + q + ": " + answer.body());
            for (Object o : (List<?>) Json.at(table, "filesTable")) {
                Map<?, ?> entry = (Map<?, ?>) o;
                String key = (String) entry.get("key");
                if (Boolean.TRUE.equals(entry.get("isAFolder"))) {
                    listFolder(repo, key, into);
                } else {
                    HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(uri("/api/files/download?type=model&name="
                            + enc(user + "/" + repo) + "&path=" + enc(key))).header("Authorization", "Bearer " + token)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                    into.put(key, head.headers().firstValue("ETag").orElse("no ETag " + head.statusCode()).replace("\"", ""));
                }
            }
            cursor = (String) Json.at(table, "cursor");
        } while (cursor != null);
    }

    static boolean exists(String repo) throws Exception {
        HttpResponse<String> answer = HTTP.send(get("/api/filesTable?type=model&name=" + enc(user + "/" + repo)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && Json.at(Json.parse(answer.body()), "data") instanceof Map;
    }

    static boolean same(Map<String, String> a, Map<String, String> b) {
        return a == null ? b == null : a.equals(b);
    }

    static String diff(Map<String, String> expected, Map<String, String> actual) {
        if (expected == null || actual == null) {
            return "expected " + (expected == null ? "no repository" : expected.size() + " files") + ", found "
                    + (actual == null ? "no repository" : actual.size() + " files");
        }
        List<String> d = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                d.add(k + " expected " + v + " found " + actual.get(k));
            }
        });
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> d.add(k + " unexpected"));
        return d.size() + " differences, e.g. " + d.stream().limit(3).toList();
    }

    // ---------------------------------------------------------------- the server

    static void start() throws Exception {
        port = freePort();
        starts++;
        log = base.resolve("server-" + starts + ".log");
        server = new ProcessBuilder(javaBin(), "-Xmx768m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port,
                "--modellibrary.data-dir=" + data, "--modellibrary.demo-data=false",
                "--modellibrary.storage.grace=1s", "--modellibrary.storage.gc-interval=1s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            require(server.isAlive(), "the server exited on start: see " + log);
            try {
                HttpResponse<String> h = HTTP.send(get("/actuator/health").timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not answer within 120 s: see " + log);
    }

    static void kill() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly(); // SIGKILL
            server.waitFor();
        }
    }

    static void restart() throws Exception {
        kill();
        start();
    }

    static void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- requests

    static String register(String name) throws Exception {
        Multipart form = new Multipart().field("username", name).field("password", PASSWORD);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/register/submitUserInfo"))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(form.publisher(null), form.length())).build(), HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200 && answer.headers().firstValue("Authorization").isPresent(), "register: " + answer.body());
        return answer.headers().firstValue("Authorization").get();
    }

    static void createRepo(String repo) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/model")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + user + "/" + repo + "\", \"isPrivate\": false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200 && answer.body().contains("\"code\":0"), "create " + repo + ": " + answer.statusCode() + " " + answer.body());
        known.put(repo, new TreeMap<>());
    }

    static void uploadNow(String repo, Map<String, byte[]> files) throws Exception {
        Multipart body = new Multipart().field("name", user + "/" + repo);
        files.forEach(body::file);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/files")).header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.fromPublisher(body.publisher(null), body.length())).build(),
                HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200, "upload to " + repo + ": " + answer.statusCode() + " " + answer.body());
        known.get(repo).putAll(body.files());
        acknowledged.computeIfAbsent(repo, k -> new ArrayList<>()).add((String) Json.at(Json.parse(answer.body()), "data", "commit", "id"));
    }

    static void deleteFileNow(String repo, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/files?name=" + enc(user + "/" + repo) + "&path=" + enc(path)))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        require(answer.statusCode() == 200, "delete " + path + ": " + answer.statusCode() + " " + answer.body());
        known.get(repo).remove(path);
        acknowledged.computeIfAbsent(repo, k -> new ArrayList<>()).add((String) Json.at(Json.parse(answer.body()), "data", "commit", "id"));
    }

    /** What a request killed (or not) at some point did, as far as its client knows. */
    static final class Attempt {
        final String what;
        final String point;
        boolean acknowledged;
        String commit;
        String answer = "no answer";

        Attempt(String what, String point) {
            this.what = what;
            this.point = point;
        }

        void outcome(CompletableFuture<HttpResponse<String>> sent) {
            try {
                HttpResponse<String> r = sent.get(60, TimeUnit.SECONDS);
                answer = r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length()));
                acknowledged = r.statusCode() == 200;
                if (acknowledged) {
                    Object json = Json.parse(r.body());
                    Object id = Json.at(json, "data", "commit", "id");
                    commit = id instanceof String s ? s : (String) Json.at(json, "commitOid");
                }
            } catch (Exception e) {
                answer = "failed: " + e.getClass().getSimpleName();
            }
        }

        String describe() {
            return point + (acknowledged ? " (acknowledged first)" : "");
        }
    }

    /**
     * Sends the body; kills the server once {@code killAt} bytes have been handed to the
     * connection (plus {@code extraMillis}), or right after the answer if it comes first.
     */
    static Attempt send(HttpRequest.Builder request, Body body, long killAt, long extraMillis) throws Exception {
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        boolean lfs = body instanceof Source;
        long threshold = Math.min(killAt, body.length());
        CompletableFuture<HttpResponse<String>> sent = HTTP.sendAsync(request.timeout(Duration.ofMinutes(5))
                .method(lfs ? "PUT" : "POST",
                        HttpRequest.BodyPublishers.fromPublisher(body.publisher(n -> {
                            if (n >= threshold) {
                                reached.countDown();
                            }
                        }), body.length())).build(), HttpResponse.BodyHandlers.ofString());
        while (!reached.await(50, TimeUnit.MILLISECONDS) && !sent.isDone()) {
            // wait
        }
        String point;
        if (threshold < body.length()) {
            point = "during the body (" + (100 * threshold / body.length()) + "%)";
        } else if (extraMillis == 0) {
            point = "right after the body";
        } else {
            point = extraMillis + " ms after the body (during the commit)";
        }
        if (extraMillis > 0) {
            Thread.sleep(extraMillis);
        }
        kill();
        Attempt attempt = new Attempt(lfs ? "an LFS PUT" : "an upload", point);
        attempt.outcome(sent);
        return attempt;
    }

    static int status(String pathAndQuery) throws Exception {
        return HTTP.send(get(pathAndQuery).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2));
    }

    static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    // ---------------------------------------------------------------- bodies

    interface Body {
        long length();

        Flow.Publisher<ByteBuffer> publisher(LongConsumer progress);
    }

    /** Pseudo-random bytes generated as they are sent (never held in memory). */
    static final class Source implements Body {
        final long size;
        final long seed;

        Source(long size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        public long length() {
            return size;
        }

        String sha256() {
            MessageDigest md = digest();
            Random random = new Random(seed);
            byte[] chunk = new byte[1 << 16];
            for (long done = 0; done < size; done += chunk.length) {
                random.nextBytes(chunk);
                md.update(chunk, 0, (int) Math.min(chunk.length, size - done));
            }
            return HexFormat.of().formatHex(md.digest());
        }

        void writeChunks(java.util.function.Consumer<byte[]> out) {
            Random random = new Random(seed);
            for (long done = 0; done < size; done += 1 << 16) {
                byte[] chunk = new byte[1 << 16];
                random.nextBytes(chunk);
                out.accept(chunk.length <= size - done ? chunk : java.util.Arrays.copyOf(chunk, (int) (size - done)));
            }
        }

        public Flow.Publisher<ByteBuffer> publisher(LongConsumer progress) {
            return new Multipart().part(this).publisher(progress);
        }
    }

    /** A multipart/form-data body of fields, small files (in memory) and large generated files. */
    static final class Multipart implements Body {
        static final String BOUNDARY = "crashsuiteboundary7d1f0e";
        final List<Object> parts = new ArrayList<>(); // byte[] or Source
        final Map<String, String> shas = new LinkedHashMap<>();
        boolean raw;

        Multipart field(String name, String value) {
            parts.add(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart file(String path, byte[] content) {
            parts.add(header(path));
            parts.add(content);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
            String sha = sha256(content);
            shas.put(path, sha);
            sizes.put(sha, (long) content.length);
            return this;
        }

        Multipart file(String path, long size, long seed) {
            Source source = new Source(size, seed);
            parts.add(header(path));
            parts.add(source);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
            String sha = source.sha256();
            shas.put(path, sha);
            sizes.put(sha, size);
            return this;
        }

        /** The source alone, no multipart framing (an LFS PUT). */
        Multipart part(Source source) {
            raw = true;
            parts.add(source);
            return this;
        }

        private static byte[] header(String path) {
            return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + path
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }

        String sha(String path) {
            return shas.get(path);
        }

        Map<String, String> files() {
            return shas;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }

        private byte[] closing() {
            return raw ? new byte[0] : ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        }

        public long length() {
            long n = closing().length;
            for (Object p : parts) {
                n += p instanceof byte[] b ? b.length : ((Source) p).size;
            }
            return n;
        }

        /** Sends the parts, coalesced into 64 KB buffers, reporting the bytes handed over. */
        public Flow.Publisher<ByteBuffer> publisher(LongConsumer progress) {
            return subscriber -> {
                java.util.concurrent.SubmissionPublisher<ByteBuffer> pub = new java.util.concurrent.SubmissionPublisher<>(
                        Runnable::run, 8);
                pub.subscribe(subscriber);
                Thread t = new Thread(() -> {
                    long[] sent = {0};
                    java.io.ByteArrayOutputStream pendingBytes = new java.io.ByteArrayOutputStream();
                    java.util.function.Consumer<byte[]> emit = bytes -> {
                        pendingBytes.writeBytes(bytes);
                        if (pendingBytes.size() >= 1 << 16) {
                            sent[0] += pendingBytes.size();
                            pub.submit(ByteBuffer.wrap(pendingBytes.toByteArray()));
                            pendingBytes.reset();
                            if (progress != null) {
                                progress.accept(sent[0]);
                            }
                        }
                    };
                    try {
                        for (Object p : parts) {
                            if (p instanceof byte[] b) {
                                emit.accept(b);
                            } else {
                                ((Source) p).writeChunks(emit);
                            }
                        }
                        emit.accept(closing());
                        sent[0] += pendingBytes.size();
                        if (pendingBytes.size() > 0) {
                            pub.submit(ByteBuffer.wrap(pendingBytes.toByteArray()));
                        }
                        if (progress != null) {
                            progress.accept(sent[0]);
                        }
                        pub.close();
                    } catch (RuntimeException e) {
                        pub.closeExceptionally(e);
                    }
                }, "crash-body");
                t.setDaemon(true);
                t.start();
            };
        }
    }

    // ---------------------------------------------------------------- small things

    static void check(String what, boolean ok, String detail) {
        roundChecks.add((ok ? "ok   " : "FAIL ") + what.replaceFirst("^round \\d+: ", ""));
        if (ok) {
            passed++;
        } else {
            failed++;
            failures.add(what + " -- " + detail);
            System.out.println("FAIL " + what + " -- " + detail);
        }
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    static byte[] bytes(String seed, int size) {
        byte[] b = new byte[size];
        new Random(seed.hashCode()).nextBytes(b);
        return b;
    }

    static Map<String, String> copy(Map<String, String> m) {
        return m == null ? null : new TreeMap<>(m);
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] b) {
        return HexFormat.of().formatHex(digest().digest(b));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean emptyOrMissing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).limit(5).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** Just enough JSON: objects (LinkedHashMap), arrays (ArrayList), strings, numbers (Double), booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            j.ws();
            return j.value();
        }

        /** Follows keys (String) and indexes (Integer); null where anything is missing. */
        static Object at(Object node, Object... path) {
            for (Object step : path) {
                if (step instanceof String k && node instanceof Map<?, ?> m) {
                    node = m.get(k);
                } else if (step instanceof Integer n && node instanceof List<?> l && n < l.size()) {
                    node = l.get(n);
                } else {
                    return null;
                }
            }
            return node;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            char c = s.charAt(i);
            Object v;
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    i++; // :
                    ws();
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            } else if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            } else if (c == '"') {
                v = string();
            } else if (s.startsWith("true", i)) {
                i += 4;
                v = Boolean.TRUE;
            } else if (s.startsWith("false", i)) {
                i += 5;
                v = Boolean.FALSE;
            } else if (s.startsWith("null", i)) {
                i += 4;
                v = null;
            } else {
                int start = i;
                while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                v = Double.parseDouble(s.substring(start, i));
            }
            return v;
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // "
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }
}
