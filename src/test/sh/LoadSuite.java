import io.modellibrary.support.MultipartForm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load suite (hardening issue): mixed traffic from many clients on loopback while slow
 * clients and a login flood run, against a server started by {@code src/test/sh/load.sh}.
 *
 * <pre>java src/test/sh/LoadSuite.java BASE_URL SERVER_PID [HISTOGRAM_DIR]</pre>
 *
 * <ul>
 *   <li><b>Mixed traffic</b> ({@code LOAD_CLIENTS}, default 64, for {@code LOAD_SECONDS}, default
 *   60): catalogue lists, repository detail, the Hub API's info and tree, resolve downloads (a
 *   small file whole, a 1 MiB file by a range), seed uploads, Hub NDJSON commits, sign-ins of
 *   existing users, whoami. From 127.0.0.1; each client's sign-ins from its own address
 *   (127.0.1.N), as from its own machine.</li>
 *   <li><b>Slow clients</b> ({@code LOAD_SLOW}, default 200): a sign-in whose 1 MB body comes one
 *   byte every 2 s, reconnecting 2 s after each cut. From 127.0.0.3.</li>
 *   <li><b>Login flood</b> ({@code LOAD_FLOOD}, default 50 parallel): sign-ins with the right and
 *   wrong passwords of a flood account, and wrong ones of the mixed traffic's users, one every
 *   200 ms each, Retry-After ignored. From 127.0.0.2 (another client than the users').</li>
 *   <li><b>Health</b> sampled throughout: one request at a time, {@value #HEALTH_TIMEOUT_SECONDS} s
 *   timeout each, 200 ms after the last answer.</li>
 * </ul>
 * <p>Phases: a warm-up (16 clients, 6 s), <b>the load</b> (the above, {@code LOAD_SECONDS}) and
 * <b>the load again</b> (the same traffic for {@code LOAD_AGAIN_SECONDS}, default 25). After each,
 * once idle connections have closed, the server's heap in use after full GCs and a class histogram
 * of its live objects ({@code jcmd GC.run}, {@code GC.heap_info}, {@code GC.class_histogram}; written
 * to the directory given as third argument) and its open file descriptors ({@code /proc/PID/fd}).
 *
 * <p>Checks, for both loads: no 5xx and no connection error for the mixed traffic, the flood and
 * the slow clients; 429 only for the flood; every mixed answer the one expected; every health
 * sample answered UP within its timeout, and answers all through the run (no gap between them, or
 * from the run's start or to its end, over {@value #HEALTH_GAP_SECONDS} s). And that nothing leaks, measured against the end of the first load rather than
 * the warm-up, because the first load fills what is bounded (docs/decisions.md, "What the heap
 * holds after the load"): Tomcat's request threads and their buffers, the embedded database's
 * page cache. The caches of trees and commits, bounded by millions of entries, keep filling with
 * the writes, and the database's chunk descriptors follow the write rate; both are counted and
 * allowed for. After the load again:
 * <ul>
 *   <li>map and queue entries ({@link #ENTRY_CLASSES}) no more than the entries the bounded
 *   caches (Caffeine's) and the embedded database's chunk descriptors added, within
 *   {@value #ENTRY_TOLERANCE}: a map keyed per request, per connection or per failed sign-in adds
 *   one per key, thousands in the second load (a deliberate leak of one map entry per request
 *   failed this check with about 15,000 while both heap checks passed);</li>
 *   <li>heap in use within {@value #HEAP_AGAIN_TOLERANCE_MB} MB of its level after the load, besides
 *   what those cache entries and chunks hold (a leak of a kilobyte or more per request);</li>
 *   <li>open descriptors within {@value #FD_TOLERANCE} of their level after the warm-up.</li>
 * </ul>
 * And, coarsely, heap after the load within {@value #HEAP_TOLERANCE_MB} MB of the warm-up's. Prints
 * p50/p99 per operation of each load, the classes whose live objects grew most, and
 * {@code N passed, M failed}; exits 1 when a check failed.
 */
public class LoadSuite {

    /**
     * Heap in use after the load may exceed the level after the warm-up by this much: what the first
     * load fills, by the class histograms (docs/decisions.md): Tomcat's request threads, up to 200, with
     * their processors and buffers; the embedded database's page cache (16 MB here) and descriptors
     * of its file's chunks (kept for the 45 s retention, so as many as the write rate makes); the
     * caches of trees and commits. 40-49 MB over seven runs in sessions 8 and 9, 41-49 MB over six
     * in session 10. A coarse check only: the leak checks compare the load again with the load.
     */
    static final int HEAP_TOLERANCE_MB = 64;
    /**
     * Heap in use after the load again may exceed its level after the load by this much, besides
     * {@value #CACHE_ENTRY_BYTES} bytes per entry the bounded caches added and {@value #CHUNK_BYTES}
     * per database chunk descriptor: the caches of trees and commits are not full after a minute
     * (bounded by millions of entries) and keep growing with the writes, and the chunks follow the
     * write rate, so their share grows with the machine's speed. Measured over the load again (25 s),
     * five runs: -1, +1, +3, +6 and +7 MB with 10,155-12,688 more cache entries and 1,867-4,387 more
     * chunks (allowances of 13.5-15.3 MB); over 60 s once: +21 MB with 28,967 and 14,045 (26 MB).
     */
    static final int HEAP_AGAIN_TOLERANCE_MB = 8;
    /**
     * Heap per cache entry of a new tree or commit: the document, its list, its one new entry or
     * change, a Caffeine node and map entry (162 bytes by the histograms of a 60 s load again, 4.5 MB for
     * 28,967 entries), and their strings (the tree's id, the entry's name, sha256 and commit: about 350).
     */
    static final int CACHE_ENTRY_BYTES = 512;
    /** Heap per chunk descriptor of the embedded database: SFChunk 128 bytes, its BitSet and words, map entry, key, dead-chunk queue node. */
    static final int CHUNK_BYTES = 256;
    /**
     * Map and queue entries after the load again may exceed those the bounded caches and the database's
     * chunks added by this many: +8 to +29 in six runs of 25 s, -244 in one of 60 s.
     */
    static final int ENTRY_TOLERANCE = 1_000;
    /** Open descriptors after the load may exceed the level after the warm-up by this many (the database pool's, log rotation). */
    static final int FD_TOLERANCE = 16;
    /** A health sample not answered UP within this many seconds fails (what a load balancer's probe would count as down). */
    static final int HEALTH_TIMEOUT_SECONDS = 5;
    /**
     * The longest time without a health answer UP that the run accepts, in seconds: twice the timeout. With
     * every sample answered within its timeout, answers come at most a timeout and the sampler's 200 ms
     * apart; a longer gap means health answered nothing (a sample failed) or the sampler stopped or was
     * starved. It replaces a count of answers (one a second), which a busy 2-core machine missed once with
     * every sample answered: 44 in 60 s, about 1.2 s each (docs/decisions.md, "The load suite's health check").
     */
    static final int HEALTH_GAP_SECONDS = 2 * HEALTH_TIMEOUT_SECONDS;
    static final String PASSWORD = "correct horse battery staple";
    static final String BOUNDARY = "loadboundary7f3a";

    static String base;
    static long pid;
    static HttpClient http;
    static int passed;
    static int failed;
    static final List<String> failures = new ArrayList<>();

    /** An account of the mixed traffic: username, session JWT, write access token, its repository. */
    record User(String name, String jwt, String token, String repo) {
    }

    static final List<User> users = new ArrayList<>();
    /** The current run's latencies and unexpected answers of the mixed traffic, by operation (each run starts its own). */
    static volatile Map<String, Stats> stats = new ConcurrentHashMap<>();
    static volatile Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        // idle keep-alive connections close after 2 s, so that the descriptors can settle before a measure
        System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        base = args[0];
        pid = Long.parseLong(args[1]);
        histograms = args.length > 2 ? Path.of(args[2]) : null;
        int clients = Integer.parseInt(env("LOAD_CLIENTS", "64"));
        int slow = Integer.parseInt(env("LOAD_SLOW", "200"));
        int flood = Integer.parseInt(env("LOAD_FLOOD", "50"));
        int seconds = Integer.parseInt(env("LOAD_SECONDS", "60"));
        int again = Integer.parseInt(env("LOAD_AGAIN_SECONDS", "25"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long began = System.nanoTime();
        try {
            setUp(8);
            run("warm-up", Math.min(16, clients), 0, 0, 6);
            Measure warm = measure("warm-up");
            Outcome load = run("load", clients, slow, flood, seconds);
            Measure loaded = measure("load");
            Outcome second = run("load again", clients, slow, flood, again);
            Measure loadedAgain = measure("load-again");
            report(load, second, warm, loaded, loadedAgain);
        } catch (Throwable e) {
            check("the suite ran to its end", false, e.toString());
            e.printStackTrace();
        }
        System.out.printf("load suite: %.0f s%n", (System.nanoTime() - began) / 1e9);
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Where the class histograms are written (the third argument), or null. */
    static Path histograms;

    // ---------------------------------------------------------------- set-up

    /** Registers the users, each with a write token and a repository holding a small and a 1 MiB file. */
    static void setUp(int n) throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int i = 0; i < n; i++) {
            String name = "load" + i + "-" + suffix;
            String jwt = register(name);
            String token = field(post("/api/tokens", jwt, "application/json", "{\"name\":\"load\",\"role\":\"write\"}"), "token");
            String repo = name + "/weights";
            expect("create " + repo, post("/api/model", jwt, "application/json", "{\"name\":\"" + repo + "\",\"isPrivate\":false}"), 200);
            byte[] big = new byte[1 << 20];
            new Random(i).nextBytes(big);
            expect("upload to " + repo, upload(jwt, repo, Map.of("small.txt", ("small file of " + name + "\n").repeat(20).getBytes(StandardCharsets.UTF_8),
                    "big.bin", big)), 200);
            users.add(new User(name, jwt, token, repo));
        }
        register("flood-" + suffix);
        floodUser = "flood-" + suffix;
        System.out.println("set up " + n + " users with a repository each, and the flood's account");
    }

    static String floodUser;

    // ---------------------------------------------------------------- the run

    /**
     * What a run saw besides the mixed traffic. {@code health} holds the latencies of the health samples
     * answered UP and {@code healthAt} when each came ({@link System#nanoTime}), {@code healthFailed} the others
     * by what they got (a status, or the exception: {@code HttpTimeoutException} past the timeout); {@code started} and
     * {@code stopped} are the sampler's start and the run's stop, on the same clock.
     */
    record Outcome(String phase, int seconds, Map<String, Stats> stats, Map<String, LongAdder> unexpected, Map<Integer, Integer> flood,
                   int floodErrors, Map<String, Integer> slow, List<Long> health, List<Long> healthAt, Map<String, Integer> healthFailed,
                   long started, long stopped) {

        /** How many health samples failed. */
        int healthFailures() {
            return healthFailed.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The longest time without a health answer UP, in seconds: from the start to the first, between two, from the last to the stop. */
        double longestHealthGap() {
            List<Long> at = new ArrayList<>(healthAt);
            Collections.sort(at);
            long previous = started;
            long longest = 0;
            for (long t : at) {
                longest = Math.max(longest, t - previous);
                previous = Math.max(previous, t);
            }
            return Math.max(longest, stopped - previous) / 1e9;
        }
    }

    static Outcome run(String phase, int clients, int slow, int flood, int seconds) throws Exception {
        stats = new ConcurrentHashMap<>();
        unexpected = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Integer> floodStatuses = new ConcurrentHashMap<>();
        AtomicInteger floodErrors = new AtomicInteger();
        Map<String, Integer> slowOutcomes = new ConcurrentHashMap<>();
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        List<Long> healthAt = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> healthFailed = new ConcurrentHashMap<>();
        for (int i = 0; i < slow; i++) {
            threads.add(start(() -> slowClient(stop, slowOutcomes)));
        }
        for (int i = 0; i < flood; i++) {
            int n = i;
            threads.add(start(() -> floodClient(n, stop, floodStatuses, floodErrors)));
        }
        long started = System.nanoTime();
        threads.add(start(() -> healthSampler(stop, health, healthAt, healthFailed)));
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int n = i;
            workers.add(start(() -> mixedClient(n, stop)));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long stopped = System.nanoTime();
        for (Thread t : workers) {
            t.join(120_000);
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        System.out.printf("%s: %d clients, %d slow clients, %d flooding, %d s%n", phase, clients, slow, flood, seconds);
        return new Outcome(phase, seconds, stats, unexpected, floodStatuses, floodErrors.get(), slowOutcomes, health, healthAt,
                healthFailed, started, stopped);
    }

    static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One client of the mixed traffic: operations in turn, starting at its own place in the cycle. */
    static void mixedClient(int n, AtomicBoolean stop) {
        Random random = new Random(n);
        // reads most, writes less, sign-ins least (each costs a bcrypt hash, of which a busy 2-core machine
        // computes one or two a second): per client, one sign-in in 112 operations
        List<String> reads = List.of("catalogue", "detail", "hub-info", "hub-tree", "resolve-small", "resolve-range", "catalogue",
                "detail", "whoami", "resolve-small", "seed-upload", "hub-commit", "resolve-range", "hub-info");
        List<String> ops = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            ops.addAll(reads);
        }
        ops.set(12, "sign-in");
        String[] cycle = ops.toArray(String[]::new);
        for (int i = n; !stop.get(); i++) {
            String op = cycle[i % cycle.length];
            User user = users.get(random.nextInt(users.size()));
            long t0 = System.nanoTime();
            try {
                int status = operation(op, user, random, i, n);
                stats.computeIfAbsent(op, k -> new Stats()).add(System.nanoTime() - t0, status, expected(op));
                if (status != expected(op)) {
                    unexpected.computeIfAbsent(op + " " + status, k -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                stats.computeIfAbsent(op, k -> new Stats()).error();
                unexpected.computeIfAbsent(op + " " + e.getClass().getSimpleName() + ": " + e.getMessage(), k -> new LongAdder()).increment();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static int expected(String op) {
        return op.equals("resolve-range") ? 206 : 200;
    }

    static int operation(String op, User user, Random random, int i, int client) throws IOException, InterruptedException {
        String id = user.repo();
        return switch (op) {
            case "catalogue" -> get((i % 2 == 0 ? "/api/modelList" : "/api/datasetList") + "?pageIndex=" + (1 + random.nextInt(5))
                    + (i % 3 == 0 ? "&sortType=most-downloads" : ""), null, null);
            case "detail" -> get("/api/model?name=" + enc(id), user.jwt(), null);
            case "hub-info" -> get("/api/models/" + id, user.token(), null);
            case "hub-tree" -> get("/api/models/" + id + "/tree/main", user.token(), null);
            case "resolve-small" -> get("/" + id + "/resolve/main/small.txt", null, null);
            case "resolve-range" -> {
                int from = random.nextInt((1 << 20) - 70_000);
                yield get("/" + id + "/resolve/main/big.bin", null, "bytes=" + from + "-" + (from + 65_535));
            }
            case "whoami" -> get("/api/whoami-v2", user.token(), null);
            case "seed-upload" -> upload(user.jwt(), id, Map.of("uploads/u" + (i % 50) + ".txt",
                    ("upload " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8))).statusCode();
            case "hub-commit" -> post("/api/models/" + id + "/commit/main", user.token(), "application/x-ndjson",
                    "{\"key\":\"header\",\"value\":{\"summary\":\"load\",\"description\":\"\"}}\n"
                            + "{\"key\":\"file\",\"value\":{\"path\":\"commits/c" + (i % 50) + ".txt\",\"encoding\":\"base64\",\"content\":\""
                            + Base64.getEncoder().encodeToString(("commit " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8))
                            + "\"}}\n").statusCode();
            case "sign-in" -> {
                // From the client's own address, as people sign in from their own machines: the server
                // bounds the sign-ins one address may have hashing or waiting at once, which 64 clients
                // behind one address would reach under load by design.
                String body = "{\"username\":\"" + user.name() + "\",\"password\":\"" + PASSWORD + "\"}";
                try (Socket s = socketFrom(addressOf(client))) {
                    s.setSoTimeout(60_000);
                    s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: load\r\nContent-Type: application/json\r\nConnection: close\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int status = statusOf(answer);
                    if (status != 200) {
                        unexpected.computeIfAbsent("sign-in answered " + answer.substring(answer.indexOf("\r\n\r\n") + 4), k -> new LongAdder()).increment();
                    }
                    yield status;
                }
            }
            default -> throw new IllegalStateException(op);
        };
    }

    /** A sign-in whose 1 MB body comes a byte every 2 s; 2 s after it is cut, the next. */
    static void slowClient(AtomicBoolean stop, Map<String, Integer> outcomes) {
        while (!stop.get()) {
            try (Socket s = socketFrom("127.0.0.3")) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/login HTTP/1.1\r\nHost: load\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.setSoTimeout(10);
                InputStream in = s.getInputStream();
                String outcome = null;
                while (!stop.get() && outcome == null) {
                    try {
                        byte[] answer = new byte[256];
                        int n = in.read(answer);
                        outcome = n <= 0 ? "closed" : "answered " + statusOf(new String(answer, 0, n, StandardCharsets.US_ASCII));
                    } catch (SocketTimeoutException quiet) {
                        try {
                            out.write('{');
                            out.flush();
                        } catch (IOException cut) {
                            outcome = "cut while sending";
                        }
                        sleep(stop, 2000);
                    }
                }
                outcomes.merge(outcome == null ? "still open at the end" : outcome, 1, Integer::sum);
            } catch (IOException e) {
                outcomes.merge("connection error " + e.getClass().getSimpleName(), 1, Integer::sum);
            }
            sleep(stop, 2000);
        }
    }

    /** Parallel sign-ins: the flood account's right and wrong passwords, and wrong ones of the users. */
    static void floodClient(int n, AtomicBoolean stop, Map<Integer, Integer> statuses, AtomicInteger errors) {
        for (int i = 0; !stop.get(); i++) {
            String user = i % 3 == 2 ? users.get((n + i) % users.size()).name() : floodUser;
            String password = i % 3 == 0 ? PASSWORD : "wrong " + i;
            String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
            try (Socket s = socketFrom("127.0.0.2")) {
                s.setSoTimeout(60_000);
                s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: load\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                statuses.merge(statusOf(answer), 1, Integer::sum);
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            sleep(stop, 200);
        }
    }

    /** Samples health until stopped: the latency and time of each answer UP, and the others counted by what they got (timeouts included). */
    static void healthSampler(AtomicBoolean stop, List<Long> samples, List<Long> answeredAt, Map<String, Integer> failures) {
        while (!stop.get()) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .timeout(Duration.ofSeconds(HEALTH_TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    long t1 = System.nanoTime();
                    samples.add(t1 - t0);
                    answeredAt.add(t1);
                } else {
                    failures.merge("status " + r.statusCode(), 1, Integer::sum);
                }
            } catch (IOException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            } catch (InterruptedException e) {
                return;
            }
            sleep(stop, 200);
        }
    }

    // ---------------------------------------------------------------- measures and the report

    /** Heap in use (KB), open descriptors in all and by kind, and the live objects by class (bytes, instances). */
    record Measure(long heapKb, int fds, Map<String, Integer> kinds, Map<String, long[]> classes) {
    }

    /**
     * Heap in use after two full GCs, open descriptors and a class histogram (of live objects: jcmd's
     * {@code GC.class_histogram} collects first), once idle connections have closed: the client's after
     * 2 s, the server's to its embedded database after 10 s. The histogram is also written to the
     * histogram directory, when given, as {@code LABEL.histo}.
     */
    static Measure measure(String label) throws Exception {
        Thread.sleep(14_000);
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + info);
        }
        Map<String, Integer> kinds = new TreeMap<>();
        try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    kinds.merge(kind(Files.readSymbolicLink(fd).toString()), 1, Integer::sum);
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        }
        String histogram = jcmd("GC.class_histogram");
        if (histograms != null) {
            Files.writeString(histograms.resolve(label + ".histo"), histogram);
        }
        Map<String, long[]> classes = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(histogram);
        while (row.find()) {
            classes.merge(row.group(3), new long[] {Long.parseLong(row.group(2)), Long.parseLong(row.group(1))},
                    (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        }
        return new Measure(Long.parseLong(used.group(1)), kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds, classes);
    }

    /**
     * The map and queue entries a leak keyed per request, per connection or per address would add
     * (each such collection holds one of these per key); LinkedHashMap's entries are not among them,
     * as the embedded database's page cache holds its documents as LinkedHashMaps (bounded, in MB).
     */
    static final List<String> ENTRY_CLASSES = List.of("java.util.concurrent.ConcurrentHashMap$Node", "java.util.HashMap$Node",
            "java.util.TreeMap$Entry", "java.util.concurrent.ConcurrentSkipListMap$Node", "java.util.concurrent.ConcurrentLinkedQueue$Node",
            "java.util.concurrent.LinkedBlockingQueue$Node");
    /** Caffeine's cache entries: generated classes of its package named by their features (PSMW, PSMS...), one map entry each. */
    static final Pattern BOUNDED_CACHE_ENTRY = Pattern.compile("com\\.github\\.benmanes\\.caffeine\\.cache\\.[A-Z]+");
    /**
     * The embedded database's chunk descriptors (one map entry each in H2's {@code FileStore.chunks}),
     * H2 2.4's class. Should a new H2 or Caffeine name its classes otherwise, the entry check fails and
     * names what grew: the allowance is then zero, not wider.
     */
    static final String DATABASE_CHUNK = "org.h2.mvstore.SFChunk";

    /** How many more instances of the classes {@code classes} accepts (by name) live in {@code to} than in {@code from}; negative when fewer. */
    static long grown(Measure from, Measure to, java.util.function.Predicate<String> classes) {
        long sum = 0;
        for (String name : union(from.classes().keySet(), to.classes().keySet())) {
            if (classes.test(name)) {
                sum += to.classes().getOrDefault(name, new long[2])[1] - from.classes().getOrDefault(name, new long[2])[1];
            }
        }
        return sum;
    }

    static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The classes whose live objects grew most in bytes from one measure to the next, most first, as printable lines. */
    static List<String> growth(Measure from, Measure to, int rows) {
        List<String> lines = new ArrayList<>();
        to.classes().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - from.classes().getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - from.classes().getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
                .limit(rows)
                .forEach(e -> lines.add(String.format("  %+9.1f MB %+9d  %s", e.getValue()[0] / 1048576.0, e.getValue()[1], e.getKey())));
        return lines;
    }

    /** What a descriptor is: a TCP or Unix socket (by its inode in /proc/PID/net), a pipe, a file. */
    static String kind(String target) throws IOException {
        Matcher socket = Pattern.compile("socket:\\[(\\d+)]").matcher(target);
        if (!socket.matches()) {
            return target.startsWith("/") ? "file" : target.replaceAll("[:\\[].*", "");
        }
        for (String table : List.of("tcp", "tcp6", "unix")) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] f = line.trim().split("\\s+");
                int inode = table.equals("unix") ? 6 : 9;
                if (f.length > inode && f[inode].equals(socket.group(1))) {
                    return table.equals("unix") ? "unix socket" : "tcp socket " + tcpState(f[3]);
                }
            }
        }
        return "socket";
    }

    static String tcpState(String hex) {
        return switch (hex) {
            case "01" -> "established";
            case "0A" -> "listen";
            case "08" -> "close-wait";
            default -> hex;
        };
    }

    static String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    static void report(Outcome load, Outcome again, Measure warm, Measure loaded, Measure loadedAgain) {
        System.out.println();
        table(load);
        System.out.println();
        table(again);
        System.out.println();
        System.out.println("live objects that grew most from the warm-up to the end of the load (MB, instances, class):");
        growth(warm, loaded, 15).forEach(System.out::println);
        System.out.println("and from the end of the load to the end of the load again:");
        growth(loaded, loadedAgain, 15).forEach(System.out::println);
        checkTraffic(load);
        checkTraffic(again);
        checkLeaks(warm, loaded, loadedAgain);
    }

    /** Prints and checks heap, map entries and descriptors: the load against the warm-up, the load again against the load. */
    static void checkLeaks(Measure warm, Measure loaded, Measure loadedAgain) {
        long entries = grown(loaded, loadedAgain, ENTRY_CLASSES::contains);
        long cacheEntries = grown(loaded, loadedAgain, name -> BOUNDED_CACHE_ENTRY.matcher(name).matches());
        long chunks = grown(loaded, loadedAgain, DATABASE_CHUNK::equals);
        long allowedKb = HEAP_AGAIN_TOLERANCE_MB * 1024L + (Math.max(0, cacheEntries) * CACHE_ENTRY_BYTES + Math.max(0, chunks) * CHUNK_BYTES) / 1024;
        System.out.printf("map and queue entries: %+d from the warm-up to the end of the load (Caffeine cache entries %+d, database chunks %+d);"
                        + " %+d from the end of the load to the end of the load again (Caffeine cache entries %+d, database chunks %+d;"
                        + " tolerance %+d besides them)%n",
                grown(warm, loaded, ENTRY_CLASSES::contains), grown(warm, loaded, name -> BOUNDED_CACHE_ENTRY.matcher(name).matches()),
                grown(warm, loaded, DATABASE_CHUNK::equals), entries, cacheEntries, chunks, ENTRY_TOLERANCE);
        System.out.printf("heap in use after a full GC: %d MB after the warm-up, %d MB after the load (tolerance +%d MB), %d MB after the load again"
                + " (tolerance +%.1f MB)%n", warm.heapKb() / 1024, loaded.heapKb() / 1024, HEAP_TOLERANCE_MB, loadedAgain.heapKb() / 1024,
                allowedKb / 1024.0);
        System.out.printf("open file descriptors: %d after the warm-up %s, %d after the load %s, %d after the load again %s (tolerance +%d)%n%n",
                warm.fds(), warm.kinds(), loaded.fds(), loaded.kinds(), loadedAgain.fds(), loadedAgain.kinds(), FD_TOLERANCE);
        check("heap after the load within " + HEAP_TOLERANCE_MB + " MB of its level after the warm-up",
                loaded.heapKb() <= warm.heapKb() + HEAP_TOLERANCE_MB * 1024L, warm.heapKb() / 1024 + " MB -> " + loaded.heapKb() / 1024 + " MB");
        check("map and queue entries after the load again: no more than the bounded caches and database chunks added, within "
                        + ENTRY_TOLERANCE + " (no leak per request, connection or address)",
                entries <= cacheEntries + chunks + ENTRY_TOLERANCE,
                entries + " more entries, " + cacheEntries + " more cache entries, " + chunks + " more chunks; grew most: " + growth(loaded, loadedAgain, 5));
        check("heap after the load again within " + HEAP_AGAIN_TOLERANCE_MB + " MB and what the caches and chunks added of its level after the load",
                loadedAgain.heapKb() <= loaded.heapKb() + allowedKb,
                loaded.heapKb() / 1024 + " MB -> " + loadedAgain.heapKb() / 1024 + " MB; grew most: " + growth(loaded, loadedAgain, 5));
        check("open file descriptors back to their level after the warm-up", loaded.fds() <= warm.fds() + FD_TOLERANCE
                        && loadedAgain.fds() <= warm.fds() + FD_TOLERANCE,
                warm.fds() + " -> " + loaded.fds() + " -> " + loadedAgain.fds());
    }

    /** Prints a run's count, rate, p50, p99 and max latency per operation of the mixed traffic and for health; what the flood and slow clients saw. */
    static void table(Outcome run) {
        System.out.printf("%s, %d s:%n", run.phase(), run.seconds());
        System.out.printf("%-14s %8s %8s %9s %9s %9s%n", "operation", "count", "per s", "p50 ms", "p99 ms", "max ms");
        long total = 0;
        for (Map.Entry<String, Stats> e : new TreeMap<>(run.stats()).entrySet()) {
            Stats s = e.getValue();
            total += s.count();
            System.out.printf("%-14s %8d %8.1f %9.1f %9.1f %9.1f%n", e.getKey(), s.count(), s.count() / (double) run.seconds(),
                    s.percentile(0.50), s.percentile(0.99), s.percentile(1.0));
        }
        List<Long> health = new ArrayList<>(run.health());
        Collections.sort(health);
        System.out.printf("%-14s %8d %8s %9.1f %9.1f %9.1f   longest gap %.1f s, %d failed%n", "health", health.size(), "",
                pct(health, 0.50), pct(health, 0.99), pct(health, 1.0), run.longestHealthGap(), run.healthFailures());
        System.out.println("mixed traffic: " + total + " requests; unexpected answers: " + snapshot(run.unexpected()));
        System.out.println("login flood: statuses " + new TreeMap<>(run.flood()) + ", connection errors " + run.floodErrors());
        System.out.println("slow clients: " + new TreeMap<>(run.slow()));
    }

    /**
     * The checks of one run: every answer as expected, no 5xx, no connection error, 429 only for the flood;
     * health: every sample answered UP within {@value #HEALTH_TIMEOUT_SECONDS} s, and answers all through the run
     * (none of its stretches without one over {@value #HEALTH_GAP_SECONDS} s), however many the machine's load let the sampler send.
     */
    static void checkTraffic(Outcome run) {
        String on = run.phase() + ": ";
        Map<String, Stats> stats = run.stats();
        long errors = stats.values().stream().mapToLong(Stats::errors).sum();
        long serverErrors = stats.values().stream().mapToLong(Stats::serverErrors).sum();
        long throttled = stats.values().stream().mapToLong(Stats::throttled).sum();
        Map<String, Long> unexpected = snapshot(run.unexpected());
        check(on + "every operation of the mixed traffic ran", stats.keySet().size() == 10, "ran: " + stats.keySet());
        check(on + "mixed traffic: no 5xx", serverErrors == 0, serverErrors + " answers of 5xx: " + unexpected);
        check(on + "mixed traffic: no connection errors", errors == 0, errors + " errors: " + unexpected);
        check(on + "mixed traffic: no 429 (only the flood is throttled)", throttled == 0, throttled + " answers of 429: " + unexpected);
        check(on + "mixed traffic: every answer the expected one", unexpected.isEmpty(), unexpected.toString());
        check(on + "login flood: no 5xx", run.flood().keySet().stream().noneMatch(s -> s >= 500 || s < 0), "statuses " + run.flood());
        check(on + "login flood: no connection errors", run.floodErrors() == 0, run.floodErrors() + " errors");
        check(on + "login flood: throttled (429)", run.flood().getOrDefault(429, 0) > 0, "statuses " + run.flood());
        check(on + "slow clients: no connection errors", run.slow().keySet().stream().noneMatch(k -> k.startsWith("connection error")),
                "outcomes " + run.slow());
        check(on + "slow clients: no 5xx", run.slow().keySet().stream().noneMatch(k -> k.startsWith("answered 5")), "outcomes " + run.slow());
        check(on + "health: every sample answered UP within " + HEALTH_TIMEOUT_SECONDS + " s", run.healthFailures() == 0,
                run.healthFailures() + " failed samples " + new TreeMap<>(run.healthFailed()) + ", " + run.health().size() + " answered");
        check(on + "health: answered UP throughout (no gap over " + HEALTH_GAP_SECONDS + " s)",
                !run.health().isEmpty() && run.longestHealthGap() <= HEALTH_GAP_SECONDS,
                String.format(Locale.ROOT, "longest gap %.1f s, %d answered in %d s", run.longestHealthGap(), run.health().size(), run.seconds()));
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Latencies and statuses of one operation. */
    static final class Stats {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        private final LongAdder errors = new LongAdder();
        private final LongAdder serverErrors = new LongAdder();
        private final LongAdder throttled = new LongAdder();

        void add(long elapsed, int status, int expected) {
            nanos.add(elapsed);
            if (status >= 500) {
                serverErrors.increment();
            } else if (status == 429) {
                throttled.increment();
            }
        }

        void error() {
            errors.increment();
        }

        long count() {
            return nanos.size();
        }

        long errors() {
            return errors.sum();
        }

        long serverErrors() {
            return serverErrors.sum();
        }

        long throttled() {
            return throttled.sum();
        }

        double percentile(double p) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return pct(sorted, p);
        }
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))) / 1e6;
    }

    // ---------------------------------------------------------------- HTTP

    static String register(String name) throws Exception {
        MultipartForm form = new MultipartForm(BOUNDARY).field("username", name).field("password", PASSWORD);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/register/submitUserInfo"))
                .header("Content-Type", form.contentType()).POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString());
        expect("register " + name, r, 200);
        return r.headers().firstValue("Authorization").orElseThrow(() -> new IllegalStateException("no token for " + name + ": " + r.body()));
    }

    static HttpResponse<String> upload(String jwt, String repo, Map<String, byte[]> files) throws IOException, InterruptedException {
        MultipartForm form = new MultipartForm(BOUNDARY).field("name", repo).files(files);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/files")).header("Authorization", "Bearer " + jwt)
                .header("Content-Type", form.contentType()).timeout(Duration.ofSeconds(60))
                .POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int get(String pathAndQuery, String token, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpResponse<String> post(String path, String token, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A mixed-traffic client's own address: 127.0.1.N, N from 1 to 250 by its number. */
    static String addressOf(int client) {
        return "127.0.1." + (1 + client % 250);
    }

    static Socket socketFrom(String localAddress) throws IOException {
        URI uri = URI.create(base);
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        return s;
    }

    static int statusOf(String answer) {
        Matcher m = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String field(HttpResponse<String> r, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no " + name + " in " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static void expect(String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status || r.body().contains("\"code\":0,\"msg\":\"item already exists")) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
    }

    static void check(String what, boolean ok, String detail) {
        if (ok) {
            passed++;
            System.out.println("ok: " + what);
        } else {
            failed++;
            failures.add(what + " (" + detail + ")");
        }
    }

    static void sleep(AtomicBoolean stop, long millis) {
        try {
            for (long left = millis; left > 0 && !stop.get(); left -= 100) {
                Thread.sleep(Math.min(100, left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
