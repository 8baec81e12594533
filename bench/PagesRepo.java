import io.modellibrary.ModelLibraryApplication;
import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.Repo;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.Versions;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The builder of bench/pages.sh: gives the most downloaded dataset of the demo catalogue a
 * repository of FILES files, FOLDER of them in the folder {@code big/} and the rest in folders
 * of 10,000 ({@code f000/}, {@code f001/}, ...), plus a README, at the engine level: blobs
 * through the application's {@link BlobWriter}, trees, commits and the head through
 * {@link Versions#commit} (one commit per folder), as an upload would, without HTTP or
 * multipart parsing. Files share DISTINCT blob contents (file i holds content i mod DISTINCT):
 * the folder and file pages read the trees, not the blobs, and a million blob files would
 * time the file system.
 *
 * <p>Run with the application on the class path (bench/pages.sh extracts the jar) and the
 * server's arguments ({@code --modellibrary.data-dir=...} and the demo catalogue's); it listens
 * on a random loopback port only. Prints the repository's name on standard error, as
 * {@code [bench] repository: NAME}.
 * Sizes from the environment: FILES (1000000), FOLDER (100000), DISTINCT (1000).
 */
public class PagesRepo {

    static final int PER_FOLDER = 10_000;

    public static void main(String[] args) throws Exception {
        int files = env("FILES", 1_000_000);
        int big = env("FOLDER", 100_000);
        int distinct = env("DISTINCT", 1000);
        if (big > files || big < 1 || distinct < 1) {
            throw new IllegalArgumentException("need 1 <= FOLDER <= FILES and DISTINCT >= 1");
        }
        // The web layer's beans are part of the application: it listens, but on a random loopback port.
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=-1"));
        ConfigurableApplicationContext context = SpringApplication.run(ModelLibraryApplication.class, all.toArray(String[]::new));
        int status = 1;
        try {
            build(context, files, big, distinct);
            status = 0;
        } finally {
            int exit = status;
            System.exit(SpringApplication.exit(context, () -> exit));
        }
    }

    static void build(ConfigurableApplicationContext context, int files, int big, int distinct) throws Exception {
        MongoTemplate mongo = context.getBean(MongoTemplate.class);
        Versions versions = context.getBean(Versions.class);
        BlobCollector collector = context.getBean(BlobCollector.class);
        Repo repo = mongo.findOne(new Query(Criteria.where("type").is("dataset")).with(Sort.by(Sort.Direction.DESC, "downloads")),
                Repo.class);
        if (repo == null) {
            throw new IllegalStateException("no dataset in the catalogue: start with --modellibrary.demo-data=true");
        }
        if (versions.resolve(repo.getId(), Versions.MAIN).isPresent()) {
            throw new IllegalStateException(repo.getName() + " has commits already: build on a fresh data directory");
        }
        long started = System.nanoTime();
        try (BlobWriter writer = collector.writer()) {
            List<BlobWriter.StoredBlob> blobs = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                byte[] bytes = ("sample " + i + " of the pages benchmark\n").repeat(1 + i % 8).getBytes(StandardCharsets.UTF_8);
                blobs.add(writer.store(new ByteArrayInputStream(bytes), bytes.length));
            }
            byte[] readme = ("# " + repo.getName() + "\n\nA benchmark repository of " + files + " files: `big/` holds " + big
                    + " of them, the others are in folders of " + PER_FOLDER + ".\n").getBytes(StandardCharsets.UTF_8);
            BlobWriter.StoredBlob readmeBlob = writer.store(new ByteArrayInputStream(readme), readme.length);
            writer.flush();
            writer.reference(repo.getId());
            String parent = null;
            int made = 0;
            try {
                List<Edit> first = new ArrayList<>(List.of(Edit.put("README.md", readmeBlob.sha256(), readmeBlob.size())));
                first.addAll(folder("big/img-", big, 0, blobs));
                parent = commit(versions, repo, parent, "Add big/ (" + big + " files)", first);
                made += big;
                for (int f = 0; made < files; f++) {
                    int n = Math.min(PER_FOLDER, files - made);
                    parent = commit(versions, repo, parent, String.format("Add f%03d/", f),
                            folder(String.format("f%03d/img-", f), n, made, blobs));
                    made += n;
                    if (f % 10 == 9) {
                        System.err.printf("[bench] %d files committed, %.0f s%n", made, (System.nanoTime() - started) / 1e9);
                    }
                }
            } finally {
                if (parent != null) {
                    writer.confirm();
                } else {
                    writer.unreference();
                }
            }
        }
        System.err.printf("[bench] built %s: %d files (%d in big/) in %.0f s%n", repo.getName(), files, big,
                (System.nanoTime() - started) / 1e9);
        System.err.println("[bench] repository: " + repo.getName());
    }

    /** Puts {@code n} files {@code prefix0.txt}... whose contents continue the round of blobs at {@code offset}. */
    static List<Edit> folder(String prefix, int n, int offset, List<BlobWriter.StoredBlob> blobs) {
        List<Edit> edits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BlobWriter.StoredBlob blob = blobs.get((offset + i) % blobs.size());
            edits.add(Edit.put(prefix + i + ".txt", blob.sha256(), blob.size()));
        }
        return edits;
    }

    static String commit(Versions versions, Repo repo, String parent, String message, List<Edit> edits) {
        Versions.Outcome outcome = versions.commit(repo.getId(), Versions.MAIN, repo.getOwner(), message, parent, edits, () -> true);
        return outcome.commit().id();
    }

    static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }
}
