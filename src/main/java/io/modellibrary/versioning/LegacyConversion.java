package io.modellibrary.versioning;

import com.mongodb.client.model.UpdateOptions;
import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.DiskBlobStore;
import org.springframework.beans.factory.ObjectProvider;
import io.modellibrary.blob.StorageProperties;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * Converts data written by the version before trees (every commit holding its whole tree
 * as an array, {@code refs} keyed by repository id) at start-up, before anything reads it:
 * <ol>
 *   <li>each old commit: its blobs are recorded in the blob index, its tree becomes tree
 *   documents, its changes change pages, and the commit document is replaced by the new
 *   form under the same id, keeping each entry's last-change commit;</li>
 *   <li>each old head becomes {@code <repoId>:branch:main};</li>
 *   <li>every blob file without an index entry (an upload that died, in the old version) is
 *   listed for the collector, folder by folder.</li>
 * </ol>
 * Each step is idempotent (trees are content-addressed, documents replaced whole), and
 * progress is kept in {@code storageMigrations}, so a conversion killed half-way resumes.
 */
@Component
class LegacyConversion {

    static final String MIGRATIONS = "storageMigrations";
    static final String ID = "trees-v1";
    private static final Logger log = LoggerFactory.getLogger(LegacyConversion.class);

    private final MongoTemplate mongo;
    private final TreeStore trees;
    private final BlobIndex blobs;
    /** Null with a store without local files: data of the old format lived on disk only. */
    private final DiskBlobStore files;
    private final StorageProperties properties;

    LegacyConversion(MongoTemplate mongo, TreeStore trees, BlobIndex blobs, ObjectProvider<DiskBlobStore> files, StorageProperties properties) {
        this.mongo = mongo;
        this.trees = trees;
        this.blobs = blobs;
        this.files = files.getIfAvailable();
        this.properties = properties;
    }

    /** An old commit as stored. */
    record OldCommit(String id, String repoId, String parent, long seq, String message, String author, Instant time,
                     List<Change> changes, List<OldEntry> tree) {
    }

    /** An old tree entry: a full path with its own stamp. */
    record OldEntry(String path, boolean folder, String sha256, Long size, String commit) {
    }

    /** Runs what is left of the conversion. */
    void run() {
        run(Integer.MAX_VALUE);
    }

    /** Converts at most {@code limit} commits (tests stop a conversion half-way with it); true when all is done. */
    boolean run(int limit) {
        Document state = mongo.getCollection(MIGRATIONS).find(eq("_id", ID)).first();
        if (state != null && state.getBoolean("done", false)) {
            return true;
        }
        int converted = convertCommits(limit);
        if (converted >= limit) {
            return false;
        }
        convertRefs();
        listUnindexedFiles(state == null ? "" : state.getString("folder"));
        mongo.getCollection(MIGRATIONS).updateOne(eq("_id", ID), new Document("$set", new Document("done", true)),
                new UpdateOptions().upsert(true));
        dropOldIndex();
        if (converted > 0) {
            log.info("Converted {} commits to trees", converted);
        }
        return true;
    }

    private int convertCommits(int limit) {
        Query old = new Query(Criteria.where("tree").exists(true));
        int converted = 0;
        try (Stream<OldCommit> commits = mongo.stream(old, OldCommit.class, CommitDoc.COLLECTION)) {
            for (OldCommit commit : (Iterable<OldCommit>) commits::iterator) {
                if (converted >= limit) {
                    return converted;
                }
                convert(commit);
                converted++;
            }
        }
        return converted;
    }

    private void convert(OldCommit old) {
        Map<String, Long> sizes = new HashMap<>();
        old.tree().stream().filter(e -> !e.folder()).forEach(e -> sizes.put(e.sha256(), e.size() == null ? -1 : e.size()));
        blobs.referenceAll(old.repoId(), sizes);
        List<TreeDoc> created = new ArrayList<>();
        String root = build(old, created);
        trees.insertAll(created);
        List<Change> changes = old.changes() == null ? List.of() : old.changes().stream()
                .sorted(Comparator.comparing(Change::path)).toList();
        ChangePage.rest(old.repoId(), old.id(), changes).forEach(mongo::save);
        mongo.save(new CommitDoc(old.id(), old.repoId(), old.parent() == null ? List.of() : List.of(old.parent()), root,
                old.seq(), old.message(), old.author(), old.time(), changes.size(), ChangePage.first(changes)));
    }

    /** Builds the folders of a full path list bottom-up; answers the root's id. */
    private String build(OldCommit old, List<TreeDoc> created) {
        Map<String, List<Entry>> byFolder = new TreeMap<>(Comparator.comparing((String p) -> -depth(p)).thenComparing(p -> p));
        byFolder.put("", new ArrayList<>());
        Map<String, OldEntry> folders = new HashMap<>();
        for (OldEntry e : old.tree()) {
            for (String p = parent(e.path()); !p.isEmpty(); p = parent(p)) {
                byFolder.computeIfAbsent(p, k -> new ArrayList<>());
            }
        }
        for (OldEntry e : old.tree()) {
            if (e.folder()) {
                folders.put(e.path(), e);
                byFolder.computeIfAbsent(e.path(), k -> new ArrayList<>());
            } else {
                byFolder.computeIfAbsent(parent(e.path()), k -> new ArrayList<>())
                        .add(new Entry(name(e.path()), false, e.sha256(), e.size() == null ? 0 : e.size(), e.commit()));
            }
        }
        String root = null;
        for (Map.Entry<String, List<Entry>> folder : byFolder.entrySet()) {
            String id = Folder.of(trees, old.repoId(), folder.getValue()).write(created);
            String path = folder.getKey();
            if (path.isEmpty()) {
                root = id;
            } else if (id != null) {
                OldEntry stamp = folders.get(path);
                byFolder.computeIfAbsent(parent(path), k -> new ArrayList<>())
                        .add(new Entry(name(path), true, id, 0, stamp == null ? old.id() : stamp.commit()));
            }
        }
        return root;
    }

    private void convertRefs() {
        for (Document ref : mongo.getCollection(RefDoc.COLLECTION).find(new Document("kind", new Document("$exists", false)))) {
            String repoId = ref.getString("_id");
            Number version = (Number) ref.get("version");
            mongo.save(new RefDoc(RefDoc.id(repoId, RefDoc.BRANCH, RefDoc.MAIN), repoId, RefDoc.BRANCH, RefDoc.MAIN,
                    ref.getString("head"), version == null ? 1 : version.longValue()));
            mongo.getCollection(RefDoc.COLLECTION).deleteOne(eq("_id", repoId));
        }
    }

    private void listUnindexedFiles(String from) {
        if (files == null) {
            return;
        }
        try (Stream<String> stored = files.walk(from == null ? "" : from)) {
            String[] folder = {from == null ? "" : from};
            List<String> batch = new ArrayList<>();
            stored.forEach(sha -> {
                String current = sha.substring(0, 2);
                if (!current.equals(folder[0])) {
                    flush(batch, folder[0]);
                    folder[0] = current;
                }
                if (!blobs.isIndexed(sha)) {
                    batch.add(sha);
                }
            });
            flush(batch, folder[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush(List<String> batch, String folder) {
        if (!batch.isEmpty()) {
            Map<String, Long> unknownSizes = new java.util.LinkedHashMap<>();
            batch.forEach(sha -> unknownSizes.put(sha, -1L));
            blobs.writeCandidate("orphans:" + folder, unknownSizes, Instant.now());
        }
        batch.clear();
        mongo.getCollection(MIGRATIONS).updateOne(eq("_id", ID), new Document("$set", new Document("folder", folder)),
                new UpdateOptions().upsert(true));
    }

    private void dropOldIndex() {
        boolean present = mongo.indexOps(CommitDoc.COLLECTION).getIndexInfo().stream()
                .anyMatch(i -> i.getName().equals("tree_sha256"));
        if (present) {
            mongo.indexOps(CommitDoc.COLLECTION).dropIndex("tree_sha256");
        }
    }

    private static int depth(String path) {
        return path.isEmpty() ? 0 : (int) path.chars().filter(c -> c == '/').count() + 1;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
