import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of bench/history.sh: builds a model of FILES files in 20 folders and COMMITS
 * commits through the HTTP API (one upload, then one-file text edits: mostly modifications,
 * some additions and deletions, every 10th on one tracked file), then times the history
 * reads one request at a time and prints p50/p99 per row.
 *
 * Run: java HistoryBench.java BASE_URL [FILES] [COMMITS] [SAMPLES]
 */
public class HistoryBench {

    static final String NAME = "bench/history";
    static final String TRACKED = "f00/tracked.txt";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int commits = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        signUp();
        long start = System.nanoTime();
        List<String> ids = build(files, commits);
        System.err.printf("[bench] built %d files, %d commits in %.1f s%n", files, ids.size(), (System.nanoTime() - start) / 1e9);
        String name = enc(NAME);
        String oldest = ids.get(0);
        String head = ids.get(ids.size() - 1);
        String middle = ids.get(ids.size() / 2);
        Row[] rows = {
            new Row("filesTable head, root", "/api/filesTable?name=" + name),
            new Row("filesTable head, 100-file folder", "/api/filesTable?name=" + name + "&path=f07"),
            new Row("filesTable oldest, root", "/api/filesTable?name=" + name + "&revision=" + oldest),
            new Row("filesTable oldest, 100-file folder", "/api/filesTable?name=" + name + "&path=f07&revision=" + oldest),
            new Row("path history (" + TRACKED + ")", "/api/commits?name=" + name + "&path=" + enc(TRACKED)),
            new Row("path history, page 3", "/api/commits?name=" + name + "&path=" + enc(TRACKED) + "&pageIndex=3"),
            new Row("log page 1", "/api/commits?name=" + name),
            new Row("log page 30", "/api/commits?name=" + name + "&pageIndex=30"),
            new Row("diff of one commit", "/api/commits/diff?name=" + name + "&to=" + head),
            new Row("diff across 500 commits", "/api/commits/diff?name=" + name + "&from=" + ids.get(ids.size() - 501) + "&to=" + head),
            new Row("prefix resolution (7 hex)", "/api/commits?name=" + name + "&limit=1&revision=" + middle.substring(0, 7)),
            new Row("full id resolution", "/api/commits?name=" + name + "&limit=1&revision=" + middle),
        };
        for (Row row : rows) {
            row.check();
        }
        for (int round = 0; round < 2; round++) { // warm-up, then measured
            for (Row row : rows) {
                row.run(round == 0 ? samples / 3 : samples, round == 1);
            }
        }
        System.out.printf("%-38s %8s %8s %8s  %s%n", "request", "p50 ms", "p99 ms", "max ms", "target p99 <= 50 ms");
        for (Row row : rows) {
            System.out.printf("%-38s %8.2f %8.2f %8.2f  %s%n", row.label, row.percentile(50), row.percentile(99),
                    row.percentile(100), row.percentile(99) <= 50 ? "met" : "MISSED");
        }
        System.out.printf("%n%d samples per row, one request at a time, after %d warm-up requests per row:%n",
                samples, samples / 3);
        for (Row row : rows) {
            System.out.printf("  %-38s %s (%d bytes)%n", row.label, row.path.length() > 90 ? row.path.substring(0, 90) + "..." : row.path, row.bytes);
        }
    }

    static List<String> build(int files, int commits) throws Exception {
        List<String> ids = new ArrayList<>();
        Multipart form = new Multipart().field("name", NAME).field("message", "Initial " + files + " files");
        for (int i = 0; i < files - 1; i++) {
            form.file(String.format("f%02d/file-%04d.txt", i % 20, i), ("content " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        form.file(TRACKED, "tracked 0\n".getBytes(StandardCharsets.UTF_8));
        ids.add(commitId(send(HttpRequest.newBuilder(URI.create(base + "/api/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())))));
        for (int c = 1; c < commits; c++) {
            String id;
            if (c % 10 == 0) {
                id = write(TRACKED, "tracked " + c + "\n");
            } else if (c % 17 == 0) {
                id = delete(String.format("f%02d/file-%04d.txt", c % 20, c % (files - 1)));
            } else if (c % 7 == 0) {
                id = write(String.format("f%02d/new-%04d.txt", c % 20, c), "added " + c + "\n");
            } else {
                int i = (c * 37) % (files - 1);
                id = write(String.format("f%02d/file-%04d.txt", i % 20, i), "content " + i + " edit " + c + "\n");
            }
            ids.add(id);
            if (c % 100 == 0) {
                System.err.printf("[bench] %d commits%n", c);
            }
        }
        return ids;
    }

    static String write(String path, String content) throws Exception {
        String body = "{\"name\":\"" + NAME + "\",\"path\":\"" + path + "\",\"content\":\"" + content.replace("\n", "\\n") + "\"}";
        return commitId(send(HttpRequest.newBuilder(URI.create(base + "/api/files/text"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))));
    }

    static String delete(String path) throws Exception {
        return commitId(send(HttpRequest.newBuilder(URI.create(base + "/api/files?name=" + enc(NAME) + "&path=" + enc(path))).DELETE()));
    }

    static void signUp() throws Exception {
        Multipart form = new Multipart().field("username", "bench").field("password", "bench-password-1");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/register/submitUserInfo"))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        token = r.headers().firstValue("Authorization").orElseThrow(() -> new IllegalStateException("no token: " + r.body()));
        send(HttpRequest.newBuilder(URI.create(base + "/api/model")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + NAME + "\",\"isPrivate\":false}")));
    }

    static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String commitId(String body) {
        Matcher m = Pattern.compile("\"commit\":\\{\"id\":\"([0-9a-f]{40})\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no commit in " + body);
        }
        return m.group(1);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static final class Row {
        final String label;
        final String path;
        final List<Double> times = new ArrayList<>();
        long bytes;

        Row(String label, String path) {
            this.label = label;
            this.path = path;
        }

        void check() throws Exception {
            HttpResponse<String> r = get();
            if (r.statusCode() != 200 || !r.body().contains("\"msg\":\"success\"")) {
                throw new IllegalStateException(label + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
            bytes = r.body().length();
        }

        void run(int n, boolean keep) throws Exception {
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = get();
                double ms = (System.nanoTime() - t) / 1e6;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(label + ": " + r.statusCode());
                }
                if (keep) {
                    times.add(ms);
                }
            }
        }

        HttpResponse<String> get() throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        double percentile(int p) {
            List<Double> sorted = times.stream().sorted().toList();
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    static final class Multipart {
        static final String BOUNDARY = "----HistoryBenchBoundary7MA4YWxkTrZu0gW";
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String filename, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
