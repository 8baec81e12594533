package io.modellibrary.versioning;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobIndex;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;

/**
 * Deleting a repository's versions, as a persisted task in {@code gcTasks}
 * ({@code _id} = {@code delete:<repoId>}, {@code runs}) run by the collector's background
 * thread in batches of {@value #BATCH} documents: the head first (the repository reads as
 * empty at once), then its trees (each batch lists the blobs the trees name for collection,
 * as dropped by this repository, before the trees go), change pages, commit prefixes and commits. Every
 * step can be repeated, so a task interrupted by a crash simply runs again. A commit that
 * raced the deletion enqueues it again ({@code runs} + 1); the task is removed only when no
 * new run was asked for while it ran.
 */
@Component
class RepoDeletions {

    static final String TASKS = "gcTasks";
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(RepoDeletions.class);

    private final MongoTemplate mongo;
    private final TreeStore trees;
    private final BlobIndex blobs;
    private final BlobCollector collector;

    RepoDeletions(MongoTemplate mongo, TreeStore trees, BlobIndex blobs, BlobCollector collector) {
        this.mongo = mongo;
        this.trees = trees;
        this.blobs = blobs;
        this.collector = collector;
        collector.addTask(this::step);
        if (tasks().countDocuments() > 0) {
            collector.wake();
        }
    }

    /** Asks for the repository's versions to be deleted, and wakes the collector. */
    void enqueue(String repoId) {
        tasks().updateOne(eq("_id", "delete:" + repoId), com.mongodb.client.model.Updates.combine(inc("runs", 1),
                com.mongodb.client.model.Updates.set("repoId", repoId)), new UpdateOptions().upsert(true));
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(RefDoc.id(repoId, RefDoc.BRANCH, RefDoc.MAIN))),
                RefDoc.class);
        collector.wake();
    }

    /** One batch of one task; true while there is more to do. */
    boolean step() {
        Document task = tasks().find().first();
        if (task == null) {
            return false;
        }
        String repoId = task.getString("repoId");
        int runs = task.getInteger("runs", 0);
        mongo.getCollection(RefDoc.COLLECTION).deleteMany(eq("repoId", repoId));
        mongo.getCollection(Refs.COLLECTION).deleteOne(eq("_id", repoId));
        if (deleteTrees(repoId) || deleteAll(ChangePage.COLLECTION, repoId) || deleteAll(CommitPrefixes.COLLECTION, repoId)
                || deleteAll(CommitDoc.COLLECTION, repoId)) {
            return true;
        }
        tasks().deleteOne(and(eq("_id", task.getString("_id")), eq("runs", runs)));
        log.info("Deleted the versions of repository {}", repoId);
        return tasks().countDocuments() > 0;
    }

    private boolean deleteTrees(String repoId) {
        List<String> ids = new ArrayList<>();
        Set<String> files = new HashSet<>();
        for (Document doc : mongo.getCollection(TreeDoc.COLLECTION).find(eq("repoId", repoId)).limit(BATCH)) {
            ids.add(doc.getString("_id"));
            List<Document> entries = doc.getList("entries", Document.class);
            if (entries != null) {
                entries.stream().filter(e -> !e.getBoolean("d", false)).forEach(e -> files.add(e.getString("i")));
            }
        }
        if (ids.isEmpty()) {
            return false;
        }
        blobs.listForCollection(repoId, files);
        deleteByIds(mongo.getCollection(TreeDoc.COLLECTION), ids);
        trees.invalidateAll(ids);
        return true;
    }

    private boolean deleteAll(String collection, String repoId) {
        List<String> ids = new ArrayList<>();
        mongo.getCollection(collection).find(eq("repoId", repoId)).projection(new Document("_id", 1)).limit(BATCH)
                .forEach(d -> ids.add(d.getString("_id")));
        if (ids.isEmpty()) {
            return false;
        }
        deleteByIds(mongo.getCollection(collection), ids);
        return true;
    }

    private static void deleteByIds(MongoCollection<Document> collection, List<String> ids) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        ids.forEach(id -> writes.add(new DeleteOneModel<>(eq("_id", id))));
        collection.bulkWrite(writes);
    }

    private MongoCollection<Document> tasks() {
        return mongo.getCollection(TASKS);
    }
}
