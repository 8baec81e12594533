package io.modellibrary.blob;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;

/**
 * Blobs stored by one request and committed by a later one (Git LFS: the client uploads its
 * objects, then sends the commit naming them): collection {@code pendingObjects}, one document
 * per blob, {@code _id} = sha256, {@code size} (bytes), {@code expires} (date), {@code repos} (the ids of
 * the repositories whose LFS upload sent its bytes, or whose batch found it readable by the caller:
 * the repositories whose commits may name it, {@link #uploadedTo}). Until
 * {@code expires} ({@code modellibrary.storage.pending-objects}, default 24 h after the last
 * upload or batch naming it) the collector leaves the blob alone, referenced or not; after it
 * the record holds nothing and the blob goes like any other unreferenced one.
 *
 * <p>Every read and write is by {@code _id} except the sweep of expired records, which runs on
 * the collector's thread ({@link BlobCollector#addTask}) and is bounded by the number of blobs
 * uploaded in a day. On a real MongoDB a TTL index on {@code expires} (expireAfterSeconds 0:
 * "expire at a specific clock time") removes them as well; the embedded database has no TTL
 * monitor, hence the sweep. Whether a record is expired is always decided by comparing
 * {@code expires} with the clock, never by its presence, so the TTL monitor's delay does not matter.
 *
 * <p>Race with the collector (see {@link BlobIndex}): the collector claims a blob, then reads
 * holds (leases and these records); {@link #holdIfStored} writes the record, then reads the
 * claims. Whichever comes second sees the other.
 */
@Component
public class PendingObjects {

    static final String COLLECTION = "pendingObjects";
    private static final int SWEEP_LIMIT = 1000;

    private final MongoTemplate mongo;
    private final BlobStore store;
    private final BlobIndex index;
    private final Duration lifetime;

    PendingObjects(MongoTemplate mongo, BlobStore store, BlobIndex index, StorageProperties properties,
                   BlobCollector collector) {
        this.mongo = mongo;
        this.store = store;
        this.index = index;
        this.lifetime = properties.pendingObjects();
        collector.setPendingObjects(this);
        collector.addTask(this::sweep);
    }

    /** The TTL index on {@code expires}, for a real MongoDB ({@link BlobMigrations}). */
    void createExpiryIndex() {
        collection().createIndex(Indexes.ascending("expires"),
                new IndexOptions().name("expires_ttl").expireAfter(0L, TimeUnit.SECONDS));
    }

    /** How long a record holds its blob after the last upload or batch that named it. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Holds a blob just stored (its writer's lease still holds it) for {@link #lifetime},
     * or longer if it is held longer already, and records that its bytes reached repository
     * {@code repoId} ({@code $addToSet} on {@code repos}).
     */
    public void hold(String sha256, long size, String repoId) {
        Date expires = Date.from(Instant.now().plus(lifetime));
        collection().updateOne(eq("_id", sha256), combine(set("size", size), max("expires", expires), addToSet("repos", repoId)),
                new UpdateOptions().upsert(true));
    }

    /**
     * Those of the blobs whose record lists {@code repoId} ({@link #hold}): their bytes were uploaded
     * to that repository, so its commits may name them. A record counts until it is deleted, expired
     * or not: it only ever proves that the bytes were sent (whether the blob is still stored is the
     * commit's check). Lookups by {@code _id}.
     */
    public Set<String> uploadedTo(String repoId, Collection<String> sha256s) {
        Set<String> uploaded = new HashSet<>();
        if (sha256s.isEmpty()) {
            return uploaded;
        }
        collection().find(and(in("_id", new ArrayList<>(sha256s)), eq("repos", repoId)))
                .projection(new Document("_id", 1)).forEach(d -> uploaded.add(d.getString("_id")));
        return uploaded;
    }

    /** The stored blob's size in bytes, or -1 when the store does not have it. */
    public long storedSize(String sha256) {
        return store.size(sha256);
    }

    /**
     * Holds the blob if the store has it with this size, so that a later commit to {@code repoId}
     * may name it without uploading it again: writes the record (naming the repository), then
     * checks that no collection is deleting the blob and that it is stored. False (and no hold)
     * when it must be uploaded. Whether the caller may name the blob at all is the caller's check
     * ({@code LfsObjects}): this one only answers for the store.
     */
    public boolean holdIfStored(String sha256, long size, String repoId) {
        if (store.size(sha256) != size) {
            return false;
        }
        hold(sha256, size, repoId);
        if (!index.claimed(List.of(sha256)).isEmpty() || store.size(sha256) != size) {
            return false; // being collected right now: the client uploads it again, which waits for the deletion
        }
        return true;
    }

    /** The records of these blobs still in force at {@code now}: sha256 → when they expire. */
    Map<String, Instant> heldUntil(Collection<String> sha256s, Instant now) {
        Map<String, Instant> held = new HashMap<>();
        if (sha256s.isEmpty()) {
            return held;
        }
        collection().find(in("_id", new ArrayList<>(sha256s))).forEach(d -> {
            Instant expires = d.getDate("expires").toInstant();
            if (expires.isAfter(now)) {
                held.put(d.getString("_id"), expires);
            }
        });
        return held;
    }

    /** Deletes up to {@value #SWEEP_LIMIT} expired records; true while more may be left. */
    boolean sweep() {
        List<Object> ids = new ArrayList<>();
        collection().find(lte("expires", new Date())).projection(new Document("_id", 1)).limit(SWEEP_LIMIT)
                .forEach(d -> ids.add(d.get("_id")));
        if (ids.isEmpty()) {
            return false;
        }
        collection().deleteMany(combineExpired(ids));
        return ids.size() == SWEEP_LIMIT;
    }

    /** Only records still expired when deleted: one renewed meanwhile stays. */
    private static org.bson.conversions.Bson combineExpired(List<Object> ids) {
        return com.mongodb.client.model.Filters.and(in("_id", ids), lte("expires", new Date()));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
