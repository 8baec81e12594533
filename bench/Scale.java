import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The scale benchmark's client (issue 9), run by bench/scale.sh against a running server:
 * builds a dataset repository through the HTTP API and prints the figures. Not a test.
 * Arguments: base URL, bearer token, data directory, work directory, the database's MongoDB
 * URI (read with the driver: dbStats for the growth, the collector's backlog). Sizes from the
 * environment: FOLDERS (90) folders of PER_FOLDER (10000) files, BIG (100000) files in one
 * folder, BATCH (10000) files per upload, DOOMED (100000) files in the repository deleted at
 * the end, COMMITS (100) one-file commits per sample (after COMMITS / 10 untimed ones), REQUESTS (200) reads per sample.
 */
public class Scale {

    static final String BOUNDARY = "----ScaleBenchBoundary4f9a";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static String token;
    static Path dataDir;
    static Path work;
    static final String RUN = Long.toHexString(System.nanoTime());
    static MongoDatabase db;

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        dataDir = Path.of(args[2]);
        work = Path.of(args[3]);
        db = MongoClients.create(args[4]).getDatabase(new ConnectionString(args[4]).getDatabase());
        int folders = env("FOLDERS", 90), perFolder = env("PER_FOLDER", 10_000), big = env("BIG", 100_000);
        int batch = env("BATCH", 10_000), doomed = env("DOOMED", 100_000);
        int commits = env("COMMITS", 100), requests = env("REQUESTS", 200);
        System.out.printf("scale: %d folders x %d files + one folder of %d = %d files; uploads of %d%n",
                folders, perFolder, big, folders * perFolder + big, batch);

        compareWithGit(env("GIT_FILES", 20_000));

        String repo = "bench/scale";
        create(repo);
        List<String[]> table = new ArrayList<>();
        long uploaded = 0;
        double uploadSeconds = 0;
        List<String> small = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            small.add("small/file-" + i + ".txt");
        }
        List<String> first = new ArrayList<>(small);
        for (int i = 0; i < 990; i++) {
            first.add("f000/img-" + i + ".txt");
        }
        long t = System.nanoTime();
        String firstCommit = upload(repo, first);
        uploadSeconds += (System.nanoTime() - t) / 1e9;
        uploaded += first.size();
        table.add(row("one-file commit, p50/p99 ms, at " + uploaded + " files", commitsWhenIdle(repo, commits, uploaded)));

        uploadSeconds += uploadRange(repo, "f000/img-", 990, perFolder, batch);
        uploaded += perFolder - 990;
        String bigFirst = null;
        for (int from = 0; from < big; from += batch) {
            t = System.nanoTime();
            String c = upload(repo, names("big/img-", from, Math.min(big, from + batch)));
            uploadSeconds += (System.nanoTime() - t) / 1e9;
            bigFirst = bigFirst == null ? c : bigFirst;
            uploaded += Math.min(big, from + batch) - from;
        }
        table.add(row("one-file commit, p50/p99 ms, at " + uploaded + " files", commitsWhenIdle(repo, commits, uploaded)));
        for (int f = 1; f < folders; f++) {
            uploadSeconds += uploadRange(repo, String.format("f%03d/img-", f), 0, perFolder, batch);
            uploaded += perFolder;
            if (f % 10 == 0) {
                System.out.printf("  ... %d files uploaded, %.0f files/s%n", uploaded, uploaded / uploadSeconds);
            }
        }
        table.add(row("one-file commit, p50/p99 ms, at " + uploaded + " files", commitsWhenIdle(repo, commits, uploaded)));
        System.out.printf("%ndataset build: %d files in %.1f s of uploads = %.0f files/s%n", uploaded, uploadSeconds, uploaded / uploadSeconds);

        table.add(row("filesTable small folder at head, p50/p99 ms", sample(requests, () -> table(repo, "small", "main"))));
        table.add(row("filesTable small folder at first commit, p50/p99 ms", sample(requests, () -> table(repo, "small", firstCommit))));
        table.add(row("filesTable big folder first page at head, p50/p99 ms", sample(requests, () -> table(repo, "big", "main"))));
        String bigRev = bigFirst;
        table.add(row("filesTable big folder first page at its first commit, p50/p99 ms", sample(requests, () -> table(repo, "big", bigRev))));

        awaitReferences();
        long before = databaseBytes();
        oneFileCommits(repo, commits, "f001");
        awaitReferences();
        long growth = (databaseBytes() - before) / (commits + commits / 10);
        table.add(new String[] {"database growth per one-file commit at " + uploaded + " files (document bytes)",
                String.format("%.1f KB", growth / 1024.0)});

        reclaim(doomed, batch, requests, table);

        System.out.println();
        for (String[] r : table) {
            System.out.printf("| %-72s | %18s |%n", r[0], r[1]);
        }
    }

    static void compareWithGit(int files) throws Exception {
        Path dir = work.resolve("git-" + files);
        Files.createDirectories(dir);
        List<String> names = names("g/img-", 0, files);
        for (String name : names) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, content(name));
        }
        run(dir, "git", "init", "-q");
        run(dir, "git", "config", "user.email", "bench@example.org");
        run(dir, "git", "config", "user.name", "bench");
        long t = System.nanoTime();
        run(dir, "git", "add", "-A");
        run(dir, "git", "commit", "-q", "-m", "bench");
        double git = (System.nanoTime() - t) / 1e9;
        create("bench/twenty");
        t = System.nanoTime();
        upload("bench/twenty", names);
        double ours = (System.nanoTime() - t) / 1e9;
        System.out.printf("%d small files: git add + commit %.2f s (%.0f files/s); Model Library upload %.2f s (%.0f files/s) = %.2f x git (target >= 0.33)%n",
                files, git, files / git, ours, files / ours, git / ours);
    }

    static double uploadRange(String repo, String prefix, int from, int to, int batch) throws Exception {
        double seconds = 0;
        for (int start = from; start < to; start += batch) {
            long t = System.nanoTime();
            upload(repo, names(prefix, start, Math.min(to, start + batch)));
            seconds += (System.nanoTime() - t) / 1e9;
        }
        return seconds;
    }

    static void reclaim(int files, int batch, int requests, List<String[]> table) throws Exception {
        String repo = "bench/doomed";
        create(repo);
        List<Path> blobs = new ArrayList<>();
        for (int from = 0; from < files; from += batch) {
            List<String> names = names("doomed/img-", from, Math.min(files, from + batch));
            upload(repo, names);
            for (String n : names) {
                blobs.add(blobPath(content("doomed " + n)));
            }
        }
        double backlog = awaitReferences();
        System.out.printf("  the collector recorded the doomed repository's references %.1f s after its last upload%n", backlog);
        double[] idle = sample(requests, () -> table("bench/scale", "small", "main"));
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                long t = System.nanoTime();
                try {
                    table("bench/scale", "small", "main");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                during.add(System.nanoTime() - t);
            }
        });
        long t = System.nanoTime();
        send(HttpRequest.newBuilder(URI.create(base + "/api/dataset?name=" + enc(repo))).DELETE(), 200);
        reader.start();
        while (blobs.stream().anyMatch(Files::exists)) {
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        done.set(true);
        reader.join();
        double[] busy = percentiles(new ArrayList<>(during));
        table.add(new String[] {"reclaim a deleted " + files + "-file repository", String.format("%.1f s", seconds)});
        table.add(row("other requests (filesTable) idle, p50/p99 ms", idle));
        table.add(row("other requests (filesTable) during the reclaim, p50/p99 ms", busy));
    }

    /**
     * One-file commits once the collector has recorded the uploads' references (printing how
     * long after the last upload that was): the commit's own cost at this size.
     */
    static double[] commitsWhenIdle(String repo, int n, long files) throws Exception {
        double backlog = awaitReferences();
        System.out.printf("  at %d files: the collector recorded the uploads' blob references %.1f s after the last upload%n",
                files, backlog);
        return oneFileCommits(repo, n, "f000");
    }

    /** Waits until no upload's blob references are left to record; answers the seconds waited. */
    static double awaitReferences() throws InterruptedException {
        long t = System.nanoTime();
        Document pending = new Document("repo", new Document("$ne", null));
        while (db.getCollection("gcCandidates").countDocuments(pending) > 0) {
            Thread.sleep(200);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static double[] oneFileCommits(String repo, int n, String folder) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = -(n / 10); i < n; i++) {
            String body = "{\"name\":\"" + repo + "\",\"type\":\"dataset\",\"path\":\"" + folder + "/edit-" + RUN + "-" + i
                    + ".txt\",\"content\":\"edit " + i + " " + System.nanoTime() + "\"}";
            long t = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(base + "/api/files/text")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), 200);
            if (i >= 0) {
                times.add(System.nanoTime() - t);
            }
        }
        return percentiles(times);
    }

    interface Call {
        void run() throws Exception;
    }

    /** {@code n} timed calls after {@code n / 10} untimed ones (warm caches and JIT, as for a user browsing). */
    static double[] sample(int n, Call call) throws Exception {
        for (int i = 0; i < n / 10; i++) {
            call.run();
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run();
            times.add(System.nanoTime() - t);
        }
        return percentiles(times);
    }

    static double[] percentiles(List<Long> nanos) {
        Collections.sort(nanos);
        return new double[] {nanos.get(nanos.size() / 2) / 1e6, nanos.get(Math.min(nanos.size() - 1, (int) Math.ceil(nanos.size() * 0.99) - 1)) / 1e6};
    }

    static String[] row(String what, double[] p) {
        return new String[] {what, String.format("%.1f / %.1f", p[0], p[1])};
    }

    static void table(String repo, String path, String revision) throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/filesTable?type=dataset&name=" + enc(repo) + "&path=" + enc(path)
                + "&revision=" + revision)).GET(), 200);
    }

    static void create(String repo) throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/dataset")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + repo + "\",\"isPrivate\":false}")), 200);
    }

    /** One upload of the named files; answers the commit id. */
    static String upload(String repo, List<String> names) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "name", repo);
        field(body, "type", "dataset");
        for (String name : names) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content(repo.endsWith("doomed") ? "doomed " + name : name));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String answer = send(HttpRequest.newBuilder(URI.create(base + "/api/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f]{40})\"").matcher(answer);
        return m.find() ? m.group(1) : null;
    }

    static void field(ByteArrayOutputStream body, String name, String value) {
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    static String send(HttpRequest.Builder request, int expect) throws Exception {
        HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static List<String> names(String prefix, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(prefix + i + ".txt");
        }
        return names;
    }

    static byte[] content(String name) {
        return ("content of " + name + " in run " + RUN + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Path blobPath(byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return dataDir.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** The documents' bytes (dbStats dataSize: BSON sizes, without indexes or free pages). */
    static long databaseBytes() {
        return ((Number) db.runCommand(new Document("dbStats", 1)).get("dataSize")).longValue();
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }
}
