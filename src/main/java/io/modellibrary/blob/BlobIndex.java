package io.modellibrary.blob;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Which repositories use which blob, uploads' leases, and the collector's to-do list, in
 * two collections. Every write is a single-document atomic update by {@code _id}, sent in
 * bulk; "is this blob used?" is one {@code _id} lookup.
 *
 * <ul>
 *   <li>{@code blobs}: {@code _id} = sha256, {@code size} (bytes), {@code repos} (ids of the
 *   repositories any of whose commits names it), {@code leaseUntil}, {@code created},
 *   {@code state} ({@code live} | {@code deleting}). A collection first moves a document to
 *   {@code deleting}, conditionally on no repository, no live lease and an age past the grace
 *   period; a lease is only taken on a {@code live} document. So an upload and the collector
 *   never both win.</li>
 *   <li>{@code gcCandidates}: {@code _id} = {@code <sha256>:<owner>}, {@code notBefore}: blobs
 *   that may have become unused. Written before a blob file is published (owner = the upload)
 *   and when a repository deletion drops a reference (owner {@code d}).</li>
 * </ul>
 */
@Component
public class BlobIndex {

    static final String BLOBS = "blobs";
    static final String CANDIDATES = "gcCandidates";
    static final String LIVE = "live";
    static final String DELETING = "deleting";
    /** The owner of candidates that a deletion or the collector itself wrote. */
    static final String COLLECTOR = "d";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    BlobIndex(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.getCollection(CANDIDATES).createIndex(Indexes.ascending("notBefore"), new IndexOptions().name("notBefore"));
        mongo.getCollection(BLOBS).createIndex(Indexes.ascending("state"), new IndexOptions().name("state"));
    }

    /**
     * Holds each blob until {@code until}: creates its document ({@code live}, no repository)
     * or moves its lease later. Answers the blobs that could not be held because a collection
     * is deleting them (their document is {@code deleting}): wait until it is gone, then retry.
     *
     * @param sizes sha256 → size in bytes
     */
    public Set<String> lease(Map<String, Long> sizes, Instant until) {
        Date now = new Date();
        List<String> order = new ArrayList<>(sizes.keySet());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String sha : order) {
            writes.add(new UpdateOneModel<>(and(eq("_id", sha), eq("state", LIVE)),
                    combine(setOnInsert("size", sizes.get(sha)), setOnInsert("created", now),
                            setOnInsert("repos", List.of()), max("leaseUntil", Date.from(until))),
                    new UpdateOptions().upsert(true)));
        }
        Set<String> refused = new HashSet<>();
        bulk(BLOBS, writes, index -> refused.add(order.get(index)));
        return refused;
    }

    /** True when the blob has a document (live or being deleted). */
    public boolean isIndexed(String sha256) {
        return find(sha256) != null;
    }

    /** True while the blob's document is being deleted by a collection. */
    public boolean isBeingDeleted(String sha256) {
        Document doc = blobs().find(eq("_id", sha256)).first();
        return doc != null && DELETING.equals(doc.getString("state"));
    }

    /**
     * Records that {@code repoId} uses these blobs (before a commit naming them becomes the
     * head). Every one must be live: held by the caller's lease or already referenced.
     *
     * @throws IllegalStateException when a blob has no live document
     */
    public void reference(String repoId, Collection<String> sha256s) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String sha : sha256s) {
            writes.add(new UpdateOneModel<>(and(eq("_id", sha), eq("state", LIVE)), addToSet("repos", repoId)));
        }
        if (writes.isEmpty()) {
            return;
        }
        long matched = blobs().bulkWrite(writes, UNORDERED).getMatchedCount();
        if (matched != writes.size()) {
            throw new IllegalStateException((writes.size() - matched) + " blobs of a commit are no longer stored");
        }
    }

    /** Like {@link #reference}, creating missing documents (the conversion of data stored before this index). */
    public void referenceCreating(String repoId, Map<String, Long> sizes) {
        Date now = new Date();
        List<WriteModel<Document>> writes = new ArrayList<>();
        sizes.forEach((sha, size) -> writes.add(new UpdateOneModel<>(eq("_id", sha),
                combine(setOnInsert("size", size), setOnInsert("created", now), setOnInsert("state", LIVE),
                        setOnInsert("leaseUntil", now), addToSet("repos", repoId)),
                new UpdateOptions().upsert(true))));
        bulk(BLOBS, writes, index -> {
        });
    }

    /** Drops {@code repoId} from these blobs' users and lists them for the collector. */
    public void unreference(String repoId, Collection<String> sha256s) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        sha256s.forEach(sha -> writes.add(new UpdateOneModel<>(eq("_id", sha), pull("repos", repoId))));
        bulk(BLOBS, writes, index -> {
        });
        addCandidates(sha256s, Instant.now(), COLLECTOR);
    }

    /** Lists blobs for the collector, due at {@code notBefore}, as written by {@code owner}. */
    public void addCandidates(Collection<String> sha256s, Instant notBefore, String owner) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Date due = Date.from(notBefore);
        sha256s.forEach(sha -> writes.add(new UpdateOneModel<>(eq("_id", sha + ":" + owner),
                set("notBefore", due), new UpdateOptions().upsert(true))));
        bulk(CANDIDATES, writes, index -> {
        });
    }

    /** Removes the candidates {@code owner} wrote for these blobs (its commit references them). */
    public void removeCandidates(Collection<String> sha256s, String owner) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        sha256s.forEach(sha -> writes.add(new DeleteOneModel<>(eq("_id", sha + ":" + owner))));
        bulk(CANDIDATES, writes, index -> {
        });
    }

    /** Candidates due by {@code now}, as {@code _id}s, up to {@code limit}. */
    List<String> dueCandidates(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        mongo.getCollection(CANDIDATES).find(lte("notBefore", Date.from(now))).limit(limit)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    void removeCandidate(String id) {
        mongo.getCollection(CANDIDATES).deleteOne(eq("_id", id));
    }

    void postponeCandidate(String id, Instant notBefore) {
        mongo.getCollection(CANDIDATES).updateOne(eq("_id", id), set("notBefore", Date.from(notBefore)));
    }

    /** The blob's document, or null. */
    Document find(String sha256) {
        return blobs().find(eq("_id", sha256)).first();
    }

    /**
     * Moves an unused blob to {@code deleting}: no repository, lease expired, created before
     * {@code youngest}. True if this caller now owns its deletion (or a crashed collection left
     * it {@code deleting}).
     */
    boolean claim(String sha256, Instant now, Instant youngest) {
        Bson unused = and(eq("_id", sha256), eq("state", LIVE), exists("repos.0", false),
                lt("leaseUntil", Date.from(now)), lt("created", Date.from(youngest)));
        Document claimed = blobs().findOneAndUpdate(unused, set("state", DELETING),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return claimed != null;
    }

    /** Claims a blob file that has no document at all (a crash, or data from before this index). */
    boolean claimOrphan(String sha256) {
        try {
            blobs().insertOne(new Document("_id", sha256).append("state", DELETING).append("repos", List.of())
                    .append("created", new Date()));
            return true;
        } catch (com.mongodb.MongoWriteException | DuplicateKeyException e) {
            return false;
        }
    }

    /** Removes a blob's document once its file is gone. */
    void forget(String sha256) {
        blobs().deleteOne(and(eq("_id", sha256), eq("state", DELETING)));
    }

    private MongoCollection<Document> blobs() {
        return mongo.getCollection(BLOBS);
    }

    /** Sends {@code writes} unordered; duplicate-key failures go to {@code onDuplicate} by index, others throw. */
    private void bulk(String collection, List<WriteModel<Document>> writes, Consumer<Integer> onDuplicate) {
        for (int from = 0; from < writes.size(); from += 1000) {
            List<WriteModel<Document>> chunk = writes.subList(from, Math.min(writes.size(), from + 1000));
            try {
                mongo.getCollection(collection).bulkWrite(chunk, UNORDERED);
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                    onDuplicate.accept(from + error.getIndex());
                }
            }
        }
    }
}
