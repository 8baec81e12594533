package io.modellibrary.blob;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Which repositories use which blob, leases, and the collector's to-do list. Every read and
 * write is by {@code _id} (the embedded database scans for anything else), sent in bulk.
 *
 * <ul>
 *   <li>{@code blobs}: {@code _id} = sha256, {@code size} (bytes), {@code repos} (ids of the
 *   repositories any of whose commits names the blob), {@code leaseUntil}, {@code created}.
 *   "Is this blob used?" is one lookup.</li>
 *   <li>{@code blobDeletions}: {@code _id} = sha256, {@code at}: the collector's claim on a blob
 *   it is about to delete. The collector inserts the claim, then reads the blob's document;
 *   an upload writes its lease, then reads the claims. Whichever comes second sees the other,
 *   so an upload and the collector never both win.</li>
 *   <li>{@code gcCandidates}: {@code _id}, {@code shas}, {@code sizes}, {@code notBefore},
 *   {@code repo}: lists of blobs that may be unused, one document per batch. An upload writes
 *   one per sync batch before publishing it (so a crash never leaves a file nothing lists) and
 *   sets {@code repo} before its commit moves the head; the collector then records the
 *   references blob by blob in the background ({@link #referenceAll}), keeping the upload's
 *   request free of per-file writes. A repository deletion writes one per batch of blobs it
 *   dropped.</li>
 * </ul>
 */
@Component
public class BlobIndex {

    static final String BLOBS = "blobs";
    static final String CLAIMS = "blobDeletions";
    static final String CANDIDATES = "gcCandidates";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final int CHUNK = 1000;

    private final MongoTemplate mongo;

    BlobIndex(MongoTemplate mongo) {
        this.mongo = mongo;
        candidates().createIndex(Indexes.ascending("notBefore"), new IndexOptions().name("notBefore"));
        candidates().createIndex(Indexes.ascending("repo"), new IndexOptions().name("repo"));
    }

    /**
     * Holds each blob until {@code until}, creating its document if needed, then answers
     * those the collector has claimed meanwhile: wait until their claims are gone, then lease
     * them again (the collector may have deleted file and document).
     *
     * @param sizes sha256 → size in bytes
     */
    public Set<String> lease(Map<String, Long> sizes, Instant until) {
        Date now = new Date();
        List<WriteModel<Document>> writes = new ArrayList<>();
        sizes.forEach((sha, size) -> writes.add(new UpdateOneModel<>(eq("_id", sha),
                combine(setOnInsert("size", size), setOnInsert("created", now), setOnInsert("repos", List.of()),
                        max("leaseUntil", Date.from(until))), new UpdateOptions().upsert(true))));
        bulk(blobs(), writes);
        return claimed(sizes.keySet());
    }

    /** Those of the blobs the collector has claimed for deletion. */
    public Set<String> claimed(Collection<String> sha256s) {
        Set<String> claimed = new HashSet<>();
        for (List<String> chunk : chunks(sha256s)) {
            claims().find(in("_id", chunk)).forEach(d -> claimed.add(d.getString("_id")));
        }
        return claimed;
    }

    /** Records that {@code repoId} uses these blobs, creating missing documents. */
    public void referenceAll(String repoId, Map<String, Long> sizes) {
        Date now = new Date();
        List<WriteModel<Document>> writes = new ArrayList<>();
        sizes.forEach((sha, size) -> writes.add(new UpdateOneModel<>(eq("_id", sha),
                combine(setOnInsert("size", size), setOnInsert("created", now), setOnInsert("leaseUntil", now),
                        addToSet("repos", repoId)), new UpdateOptions().upsert(true))));
        bulk(blobs(), writes);
    }

    /** Drops {@code repoId} from these blobs' users and lists them for the collector, due now. */
    public void unreference(String repoId, Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        sha256s.forEach(sha -> writes.add(new UpdateOneModel<>(eq("_id", sha), pull("repos", repoId))));
        bulk(blobs(), writes);
        Map<String, Long> unknownSizes = new LinkedHashMap<>();
        sha256s.forEach(sha -> unknownSizes.put(sha, -1L));
        writeCandidate("d:" + repoId + ":" + java.util.UUID.randomUUID(), unknownSizes, Instant.now());
    }

    /** Lists blobs for the collector as one document {@code id}, due at {@code notBefore}. */
    public void writeCandidate(String id, Map<String, Long> sizes, Instant notBefore) {
        Document doc = new Document("_id", id).append("shas", new ArrayList<>(sizes.keySet()))
                .append("sizes", new ArrayList<>(sizes.values())).append("notBefore", Date.from(notBefore)).append("repo", null);
        candidates().replaceOne(eq("_id", id), doc, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** Names the repository whose commit will reference the listed blobs (null: none any more). */
    public void markCandidates(Collection<String> ids, String repoId) {
        ids.forEach(id -> candidates().updateOne(eq("_id", id), set("repo", repoId)));
    }

    /** Moves the candidates' due time (a writer renewing its hold on blobs it has not committed yet). */
    public void postponeCandidates(Collection<String> ids, Instant notBefore) {
        ids.forEach(id -> candidates().updateOne(eq("_id", id), set("notBefore", Date.from(notBefore))));
    }

    /** Candidates whose blobs a commit references: the references still to be recorded blob by blob. */
    List<Document> referencedCandidates(int limit) {
        return candidates().find(new Document("repo", new Document("$ne", null))).limit(limit).into(new ArrayList<>());
    }

    /** Candidates due by {@code now} that no commit references. */
    List<Document> dueCandidates(Instant now, int limit) {
        return candidates().find(new Document("notBefore", new Document("$lte", Date.from(now))).append("repo", null))
                .limit(limit).into(new ArrayList<>());
    }

    void removeCandidate(String id) {
        candidates().deleteOne(eq("_id", id));
    }

    /** Keeps only {@code shas} of the candidate, due at {@code notBefore}. */
    void narrowCandidate(String id, List<String> shas, Instant notBefore) {
        candidates().updateOne(eq("_id", id), combine(set("shas", shas), set("sizes", java.util.Collections.nCopies(shas.size(), -1L)),
                set("notBefore", Date.from(notBefore))));
    }

    /** The blobs' documents, by sha256 (missing ones absent). */
    Map<String, Document> find(Collection<String> sha256s) {
        Map<String, Document> found = new HashMap<>();
        for (List<String> chunk : chunks(sha256s)) {
            blobs().find(in("_id", chunk)).forEach(d -> found.put(d.getString("_id"), d));
        }
        return found;
    }

    /** The blob's document, or null. */
    Document find(String sha256) {
        return blobs().find(eq("_id", sha256)).first();
    }

    /** True when the blob has a document. */
    public boolean isIndexed(String sha256) {
        return find(sha256) != null;
    }

    /** Claims the blob for deletion; false if claimed already (by a collection that may have died: see {@link #claimAge}). */
    boolean claim(String sha256) {
        try {
            claims().insertOne(new Document("_id", sha256).append("at", new Date()));
            return true;
        } catch (MongoWriteException | DuplicateKeyException e) {
            return false;
        }
    }

    /** How long ago the blob was claimed, in ms; -1 if it is not. */
    long claimAge(String sha256) {
        Document claim = claims().find(eq("_id", sha256)).first();
        return claim == null ? -1 : System.currentTimeMillis() - claim.getDate("at").getTime();
    }

    void releaseClaim(String sha256) {
        claims().deleteOne(eq("_id", sha256));
    }

    /** Removes a blob's document once its file is gone (the caller holds the claim). */
    void forget(String sha256) {
        blobs().deleteOne(eq("_id", sha256));
    }

    private MongoCollection<Document> blobs() {
        return mongo.getCollection(BLOBS);
    }

    private MongoCollection<Document> claims() {
        return mongo.getCollection(CLAIMS);
    }

    private MongoCollection<Document> candidates() {
        return mongo.getCollection(CANDIDATES);
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** Sends the writes unordered; an upsert that lost a race to insert the same {@code _id} is sent again. */
    private static void bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        for (int from = 0; from < writes.size(); from += CHUNK) {
            List<WriteModel<Document>> chunk = writes.subList(from, Math.min(writes.size(), from + CHUNK));
            for (int attempt = 0; !chunk.isEmpty(); attempt++) {
                try {
                    collection.bulkWrite(chunk, UNORDERED);
                    chunk = List.of();
                } catch (MongoBulkWriteException e) {
                    List<WriteModel<Document>> again = new ArrayList<>();
                    for (BulkWriteError error : e.getWriteErrors()) {
                        if (error.getCode() != 11000 || attempt >= 3) {
                            throw e;
                        }
                        again.add(chunk.get(error.getIndex()));
                    }
                    chunk = again;
                }
            }
        }
    }
}
