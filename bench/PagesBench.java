import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of bench/pages.sh: times the server-rendered web pages one request at a time
 * over loopback (HTTP/1.1, one kept-alive connection, anonymous) and prints p50/p99/max per
 * page against the target p99 <= 50 ms, each page measured after a warm-up of its own. The
 * folder's deep page is reached as a user reaches it, by following each page's "Next page"
 * link; those walked pages (each fetched once, so none of them cached by an earlier request
 * for it) are a row of their own.
 *
 * With the server's process id, also the server's CPU time per request (all its threads, the
 * embedded database's included): steadier than the response time on a loaded machine.
 *
 * Run: java PagesBench.java BASE_URL DATASET_NAME FOLDER_ENTRIES [SAMPLES [SERVER_PID]]
 */
public class PagesBench {

    static final int TREE_PAGE = 50; // entries on a folder page (web.RepoPages.TREE_PAGE)
    static final double TARGET_MS = 50;
    static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;
    static ProcessHandle server;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String name = args[1];
        int folder = Integer.parseInt(args[2]);
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        server = args.length > 4 ? ProcessHandle.of(Long.parseLong(args[4])).orElse(null) : null;
        String repo = "/datasets/" + name;
        int depth = Math.max(1, (folder + TREE_PAGE - 1) / TREE_PAGE / 2); // the middle page of big/

        List<Row> rows = new ArrayList<>(List.of(
            new Row("catalogue /models", "/models", "Models"),
            new Row("catalogue filtered, sorted, page 3", "/models?task=" + enc("Text Generation") + "&language=English&sort=most-downloads&p=3",
                    "Models"),
            new Row("repository page", repo, "README"),
            new Row("big/ (" + folder + " entries) first page", repo + "/tree/main/big", String.format("%d entries", folder)),
            new Row("f000/ (10,000-entry folder) first page", repo + "/tree/main/f000", "entries")));
        warmUp(rows, samples / 3); // the walk below then times the folder, not the JIT compiler

        Row walk = new Row("big/ pages 2.." + depth + " by cursor, each once", null, null);
        String deep = repo + "/tree/main/big";
        long cpu = cpuNanos();
        for (int p = 1; p < depth; p++) {
            if (p == 2) {
                cpu = cpuNanos();
            }
            long t = System.nanoTime();
            String html = get(deep, 200);
            if (p > 1) {
                walk.times.add((System.nanoTime() - t) / 1e6);
            }
            Matcher m = NEXT.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no next page link on page " + p + " of " + deep);
            }
            deep = m.group(1).replace("&amp;", "&");
        }
        walk.cpuNanos = cpuNanos() - cpu;
        String deepFile = firstFile(get(deep, 200), repo);
        List<Row> more = List.of(new Row("big/ page " + depth + " (cursor)", deep, deepFile),
                new Row("file page (" + deepFile.substring(deepFile.indexOf("/blob/main/") + 11) + ")", deepFile, "sample"));
        warmUp(more, samples / 3);
        rows.addAll(4, more);
        for (Row row : rows) {
            row.run(samples, true);
        }
        List<Row> all = new ArrayList<>(rows);
        if (depth > 1) {
            all.add(walk);
        }
        System.out.printf("%-44s %8s %8s %8s %8s  %s%n", "page", "p50 ms", "p99 ms", "max ms", "cpu ms", "target p99 <= 50 ms");
        for (Row row : all) {
            System.out.printf("%-44s %8.2f %8.2f %8.2f %8s  %s%n", row.label, row.percentile(50), row.percentile(99),
                    row.percentile(100), server == null ? "-" : String.format("%.2f", row.cpuNanos / 1e6 / row.times.size()),
                    row.percentile(99) <= TARGET_MS ? "met" : "MISSED");
        }
        System.out.printf("%n%d samples per page, one request at a time, after %d warm-up requests per page; the walk: %d requests%n",
                samples, samples / 3, walk.times.size());
        System.out.println("cpu ms = the server's CPU time per measured request (all its threads, embedded database included)");
        for (Row row : rows) {
            System.out.printf("  %-44s %s (%d bytes)%n", row.label, row.path.length() > 100 ? row.path.substring(0, 100) + "..." : row.path,
                    row.bytes);
        }
    }

    /** Checks each row's page, then requests it {@code n} times unmeasured (JIT compilation, caches). */
    static void warmUp(List<Row> rows, int n) throws Exception {
        for (Row row : rows) {
            row.check();
            row.run(n, false);
        }
    }

    /** The first file link of a folder page. */
    static String firstFile(String html, String repo) {
        Matcher m = Pattern.compile("href=\"(" + Pattern.quote(repo) + "/blob/main/[^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no file link on the deep folder page");
        }
        return m.group(1);
    }

    static String get(String path, int expect) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** The server's CPU time so far (0 without its process id). */
    static long cpuNanos() {
        return server == null ? 0 : server.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static final class Row {
        final String label;
        final String path;
        final String expected;
        final List<Double> times = new ArrayList<>();
        long bytes;
        long cpuNanos;

        Row(String label, String path, String expected) {
            this.label = label;
            this.path = path;
            this.expected = expected;
        }

        /** The page answers 200 with what it should show (a wrong URL would time an error page). */
        void check() throws Exception {
            String html = get(path, 200);
            if (!html.contains(expected)) {
                throw new IllegalStateException(label + ": no \"" + expected + "\" on " + path);
            }
            bytes = html.getBytes(StandardCharsets.UTF_8).length;
        }

        void run(int n, boolean keep) throws Exception {
            long cpu = cpuNanos();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                get(path, 200);
                if (keep) {
                    times.add((System.nanoTime() - t) / 1e6);
                }
            }
            if (keep) {
                cpuNanos = cpuNanos() - cpu;
            }
        }

        double percentile(int p) {
            List<Double> sorted = times.stream().sorted().toList();
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}
