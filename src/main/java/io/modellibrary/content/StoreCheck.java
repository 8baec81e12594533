package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.blob.StorageProperties;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoRepository;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operator's consistency check of the blob store against the database (run by
 * {@code java -jar model-library.jar --modellibrary.check=report|repair}, see {@link StoreCheckCommand}).
 *
 * <p>Referenced blobs are every file entry of every folder ({@code trees}) that some commit
 * reaches from its root (all commits, not only heads: history stays downloadable). Folders no
 * commit reaches are left by commit attempts that lost a race or were refused (git's dangling
 * trees); the blobs only they name were never committed and are not referenced. A referenced blob whose file is missing or of another
 * size than recorded is <em>damaged</em>; the report names each with the repositories and
 * paths that use it (paths are rebuilt from the folders; a folder shared by two places shows
 * under one of them). A file under {@code blobs/} that no folder names, that no upload holds
 * ({@code gcCandidates}), that no pending Git LFS upload names ({@code pendingObjects}) and
 * that the collector does not list ({@code blobs}) is <em>unreferenced</em>; {@code repair}
 * deletes those older than the collector's grace period ({@code modellibrary.storage.grace})
 * and nothing else: damaged blobs cannot be repaired from here (restore them from a backup:
 * the report gives each one's sha256 and size).
 */
@Service
public class StoreCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreCheck.class);

    private final MongoTemplate mongo;
    private final BlobStore blobs;
    private final StorageProperties storage;
    private final RepoRepository repos;

    StoreCheck(MongoTemplate mongo, BlobStore blobs, StorageProperties storage, RepoRepository repos) {
        this.mongo = mongo;
        this.blobs = blobs;
        this.storage = storage;
        this.repos = repos;
    }

    /**
     * A file of a repository that names a damaged blob.
     *
     * @param repository the repository's type and name ({@code model alice/bert}), or its id when it is gone
     * @param path       the file's path, as far as the folders tell
     */
    public record Use(String repository, String path) {
    }

    /**
     * A referenced blob that is missing or of the wrong size.
     *
     * @param sha256   its SHA-256
     * @param size     the size the commits recorded (bytes)
     * @param found    the file's size, or -1 when it is missing
     * @param usedBy   where it is used, each repository and path once however many commits name it
     */
    public record Damaged(String sha256, long size, long found, List<Use> usedBy) {
    }

    /**
     * A stored blob nothing refers to.
     *
     * @param sha256     its SHA-256
     * @param size       its file's size in bytes
     * @param ageSeconds the file's age
     * @param deleted    true when {@code repair} deleted it (older than the grace period)
     */
    public record Unreferenced(String sha256, long size, long ageSeconds, boolean deleted) {
    }

    /**
     * What the check found.
     *
     * @param referenced   distinct blobs the folders name
     * @param stored       blob files on disk; -1 when the store's objects are not listed (S3: no
     *                     listing of the bucket, so no unreferenced blob is looked for; the collector
     *                     deletes unused ones)
     * @param damaged      referenced blobs missing or of another size
     * @param unreferenced stored blobs nothing refers to
     */
    public record Report(int referenced, long stored, List<Damaged> damaged, List<Unreferenced> unreferenced) {

        /** True when nothing is damaged and nothing unreferenced is left. */
        public boolean clean() {
            return damaged.isEmpty() && unreferenced.stream().allMatch(Unreferenced::deleted);
        }
    }

    /**
     * Runs the check; with {@code repair}, deletes the unreferenced blobs older than the grace period.
     *
     * @throws UncheckedIOException when the blob folder cannot be listed
     */
    public Report run(boolean repair) {
        Map<String, Long> sizes = new HashMap<>();
        Map<String, List<String[]>> users = new HashMap<>(); // sha -> [repoId, treeId, name]
        Map<String, String[]> parents = new HashMap<>();     // tree -> [parent tree, name ("" for a page)]
        Map<String, List<String>> below = new HashMap<>();    // tree -> its folders and pages
        for (Document tree : mongo.getCollection("trees").find()) {
            String treeId = tree.getString("_id");
            for (Document e : list(tree, "entries")) {
                String id = e.getString("i");
                if (id == null) {
                    continue;
                }
                if (e.getBoolean("d", false)) {
                    parents.putIfAbsent(id, new String[] {treeId, e.getString("n")});
                    below.computeIfAbsent(treeId, k -> new ArrayList<>()).add(id);
                } else {
                    sizes.putIfAbsent(id, ((Number) e.get("s")).longValue());
                    users.computeIfAbsent(id, k -> new ArrayList<>()).add(new String[] {tree.getString("repoId"), treeId, e.getString("n")});
                }
            }
            for (Document page : list(tree, "pages")) {
                parents.putIfAbsent(page.getString("i"), new String[] {treeId, ""});
                below.computeIfAbsent(treeId, k -> new ArrayList<>()).add(page.getString("i"));
            }
        }
        Set<String> reachable = reachable(below);
        users.values().forEach(uses -> uses.removeIf(use -> !reachable.contains(use[1])));
        users.values().removeIf(List::isEmpty);
        sizes.keySet().retainAll(users.keySet());
        List<Damaged> damaged = new ArrayList<>();
        for (Map.Entry<String, Long> blob : new TreeMap<>(sizes).entrySet()) {
            long found = size(blob.getKey());
            if (found != blob.getValue()) {
                // every commit that rewrote the folder holding the path lists it again: one line per (repository, path)
                Set<Use> uses = new LinkedHashSet<>();
                for (String[] use : users.get(blob.getKey())) {
                    uses.add(new Use(repository(use[0]), path(parents, use[1], use[2])));
                }
                damaged.add(new Damaged(blob.getKey(), blob.getValue(), found, List.copyOf(uses)));
            }
        }
        Set<String> held = held();
        List<Unreferenced> unreferenced = new ArrayList<>();
        long stored = -1;
        if (blobs instanceof DiskBlobStore disk) {
            stored = 0;
            try (Stream<String> all = disk.walk("")) {
                for (String sha : (Iterable<String>) all::iterator) {
                    stored++;
                    if (sizes.containsKey(sha) || held.contains(sha)) {
                        continue;
                    }
                    long age = blobs.ageMillis(sha);
                    boolean old = age >= storage.grace().toMillis();
                    long size = size(sha);
                    boolean deleted = repair && old && delete(sha);
                    unreferenced.add(new Unreferenced(sha, size, age / 1000, deleted));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Report(sizes.size(), stored, damaged, unreferenced);
    }

    /** The folders some commit reaches from its root: {@code git fsck}'s reachability, over {@code below}. */
    private Set<String> reachable(Map<String, List<String>> below) {
        Set<String> reachable = new HashSet<>();
        List<String> next = new ArrayList<>();
        for (Document commit : mongo.getCollection("commits").find().projection(new Document("root", 1))) {
            String root = commit.getString("root");
            if (root != null && reachable.add(root)) {
                next.add(root);
            }
        }
        while (!next.isEmpty()) {
            String tree = next.remove(next.size() - 1);
            for (String child : below.getOrDefault(tree, List.of())) {
                if (reachable.add(child)) {
                    next.add(child);
                }
            }
        }
        return reachable;
    }

    /** Blobs that uploads hold, that pending LFS uploads name, or that the collector lists. */
    private Set<String> held() {
        Set<String> held = new HashSet<>();
        for (Document d : mongo.getCollection("gcCandidates").find()) {
            held.addAll(d.getList("shas", String.class, List.of()));
        }
        for (Document d : mongo.getCollection("pendingObjects").find()) {
            held.add(d.get("_id").toString());
            Object sha = d.get("sha256");
            if (sha != null) {
                held.add(sha.toString());
            }
        }
        for (Document d : mongo.getCollection("blobs").find().projection(new Document("_id", 1))) {
            held.add(d.get("_id").toString());
        }
        return held;
    }

    private boolean delete(String sha) {
        try {
            return blobs.delete(sha);
        } catch (IOException e) {
            log.warn("Could not delete unreferenced blob {}: {}", sha, e.toString());
            return false;
        }
    }

    private long size(String sha) {
        return blobs.size(sha);
    }

    private String repository(String repoId) {
        if (repoId == null) {
            return "(unknown repository)";
        }
        return repos.findById(repoId).map(StoreCheck::describe).orElse("(deleted repository " + repoId + ")");
    }

    private static String describe(Repo repo) {
        return repo.repoType().name().toLowerCase(java.util.Locale.ROOT) + " " + repo.getName();
    }

    /** The file's path, climbing from its folder through the folders that list it (at most 1,000 levels). */
    private static String path(Map<String, String[]> parents, String treeId, String name) {
        StringBuilder path = new StringBuilder(name);
        String at = treeId;
        for (int depth = 0; depth < 1000; depth++) {
            String[] parent = parents.get(at);
            if (parent == null) {
                break;
            }
            if (!parent[1].isEmpty()) {
                path.insert(0, parent[1] + "/");
            }
            at = parent[0];
        }
        return path.toString();
    }

    private static List<Document> list(Document doc, String field) {
        List<Document> list = doc.getList(field, Document.class);
        return list == null ? List.of() : list;
    }
}
