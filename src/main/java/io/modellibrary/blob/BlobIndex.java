package io.modellibrary.blob;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
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
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Which repositories use which blob, what uploads hold, and the collector's to-do list.
 * Lookups are by {@code _id} (the embedded database scans for anything else); writes are
 * sent in bulk, and none is made per file on an upload's request.
 *
 * <ul>
 *   <li>{@code blobs}: {@code _id} = sha256, {@code size} (bytes), {@code repos} (ids of the
 *   repositories any of whose commits names the blob, or {@code avatar:<name>}), {@code created},
 *   {@code gitSha1} (the git blob id, once a reader computed it). "Is this blob used?"
 *   is one lookup.</li>
 *   <li>{@code gcCandidates}: {@code _id}, {@code shas}, {@code sizes}, {@code notBefore},
 *   {@code repo}, {@code dropped}: lists of blobs, one document per batch. An upload writes one per sync batch
 *   before publishing it; until {@code notBefore} (now + grace, renewed while the upload runs)
 *   it is the upload's lease on those blobs, after it a list of blobs that may be unused (so a
 *   crash never leaves a file nothing lists). Before the upload's commit moves the head it sets
 *   {@code repo}; the collector then records the references blob by blob
 *   ({@link #referenceAll}) in the background. A repository deletion writes one per
 *   {@value #CHUNK} blobs it dropped, due at once, naming the repository in {@code dropped}:
 *   the collector counts the blobs' users without it.</li>
 *   <li>{@code blobDeletions}: {@code _id} = sha256, {@code at}, {@code tenure} (the run's
 *   {@link CollectorLease} tenure): the collector's claim on a blob
 *   it is about to delete. The collector inserts its claims, then reads what uploads hold; an
 *   upload writes its batch document, then reads the claims. Whichever comes second sees the
 *   other, so an upload and the collector never both win.</li>
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
    }

    /** The collector's indexes: due candidates, candidates by repository ({@link BlobMigrations}). */
    void createIndexes() {
        candidates().createIndex(Indexes.ascending("notBefore"), new IndexOptions().name("notBefore"));
        candidates().createIndex(Indexes.ascending("repo"), new IndexOptions().name("repo"));
    }

    /**
     * Those of the blobs the collector has claimed for deletion. Reads the whole (normally
     * empty) claims collection: cheaper on the embedded database than a thousand lookups.
     */
    public Set<String> claimed(Collection<String> sha256s) {
        Set<String> all = new HashSet<>();
        claims().find().projection(new Document("_id", 1)).forEach(d -> all.add(d.getString("_id")));
        if (all.isEmpty()) {
            return all;
        }
        Set<String> claimed = new HashSet<>(sha256s);
        claimed.retainAll(all);
        return claimed;
    }

    /**
     * Every blob a writer holds: listed in a candidate document that is not yet due, or
     * whose commit references it but whose references are not yet recorded blob by blob.
     * Scans {@code gcCandidates} (small: the batches of uploads in progress and of deletions).
     */
    Set<String> held(Instant now) {
        Set<String> held = new HashSet<>();
        Document filter = new Document("$or", List.of(new Document("notBefore", new Document("$gt", Date.from(now))),
                new Document("repo", new Document("$ne", null))));
        candidates().find(filter).forEach(d -> held.addAll(d.getList("shas", String.class)));
        return held;
    }

    /**
     * Records that {@code repoId} uses these blobs, creating missing documents. New blobs
     * (the common case: an upload's) are inserted in bulk; only those that exist already get
     * an update. An upsert per blob cost the embedded database three index traversals where
     * an insert costs two (bench/scale.sh: the reference recording dominated its CPU).
     */
    public void referenceAll(String repoId, Map<String, Long> sizes) {
        Date now = new Date();
        List<String> order = new ArrayList<>(sizes.keySet());
        for (int from = 0; from < order.size(); from += CHUNK) {
            List<String> chunk = order.subList(from, Math.min(order.size(), from + CHUNK));
            List<String> existing = NewDocuments.insertAbsent(blobs(), chunk, sha -> new Document("_id", sha)
                    .append("size", sizes.get(sha)).append("created", now).append("repos", List.of(repoId)));
            List<WriteModel<Document>> writes = new ArrayList<>();
            existing.forEach(sha -> writes.add(new UpdateOneModel<>(eq("_id", sha),
                    combine(setOnInsert("size", sizes.get(sha)), setOnInsert("created", now), addToSet("repos", repoId)),
                    new UpdateOptions().upsert(true))));
            bulk(blobs(), writes);
        }
    }

    /** Drops {@code repoId} from these blobs' users and lists them for the collector, due now. */
    public void unreference(String repoId, Collection<String> sha256s) {
        dropRepository(repoId, sha256s);
        listForCollection(repoId, sha256s);
    }

    /** Drops {@code repoId} from these blobs' users. */
    public void dropRepository(String repoId, Collection<String> sha256s) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        sha256s.forEach(sha -> writes.add(new UpdateOneModel<>(eq("_id", sha), pull("repos", repoId))));
        bulk(blobs(), writes);
    }

    /**
     * Lists blobs a deleted repository used for the collector, due now, in documents of at
     * most {@value #CHUNK} (ids {@code d:<repoId>:<uuid>}, {@code dropped} = the repository).
     * The repository is not pulled from the blobs' documents here: the collector discounts it
     * and pulls it only from blobs another repository still uses (one write instead of one
     * per blob: bench/scale.sh, reclaim).
     */
    public void listForCollection(String repoId, Collection<String> sha256s) {
        for (List<String> chunk : chunks(sha256s)) {
            Map<String, Long> unknownSizes = new LinkedHashMap<>();
            chunk.forEach(sha -> unknownSizes.put(sha, -1L));
            writeCandidate("d:" + repoId + ":" + java.util.UUID.randomUUID(), unknownSizes, Instant.now(), repoId);
        }
    }

    /** Lists blobs for the collector as one document {@code id}, due at {@code notBefore}. */
    public void writeCandidate(String id, Map<String, Long> sizes, Instant notBefore) {
        writeCandidate(id, sizes, notBefore, null);
    }

    private void writeCandidate(String id, Map<String, Long> sizes, Instant notBefore, String dropped) {
        replaceCandidate(candidate(id, sizes, notBefore).append("dropped", dropped));
    }

    /**
     * Lists a writer's batch {@code id} again, whole, held until {@code notBefore} and marked for
     * {@code repoId}'s commit (null: none), as if its hold had never run out: the collector may have
     * removed or narrowed it meanwhile ({@link BlobWriter}, "a hold that ran out").
     */
    void holdAgain(String id, Map<String, Long> sizes, Instant notBefore, String repoId) {
        Document doc = candidate(id, sizes, notBefore);
        if (repoId != null) {
            doc.append("repo", repoId).append("committing", true).append("markedAt", new Date());
        }
        replaceCandidate(doc);
    }

    private static Document candidate(String id, Map<String, Long> sizes, Instant notBefore) {
        return new Document("_id", id).append("shas", new ArrayList<>(sizes.keySet()))
                .append("sizes", new ArrayList<>(sizes.values())).append("notBefore", Date.from(notBefore)).append("repo", null);
    }

    private void replaceCandidate(Document doc) {
        candidates().replaceOne(eq("_id", doc.get("_id")), doc, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /**
     * Names the repository whose commit will reference the listed blobs (null: none any more).
     * A mark records when it was made ({@code markedAt}, this machine's time): the collector
     * takes a mark that was never confirmed nor taken back for a crash only when it was made
     * before the collector's process started (see {@link #referencedCandidates}).
     */
    public void markCandidates(Collection<String> ids, String repoId) {
        ids.forEach(id -> candidates().updateOne(eq("_id", id),
                combine(set("repo", repoId), set("committing", repoId != null), set("markedAt", new Date()))));
    }

    /**
     * The commit that {@link #markCandidates marked} the candidates landed: the collector may
     * record their references now. Until then (or until a restart, after a crash between the
     * commit and this call) it leaves them alone, so that a commit that fails and takes its
     * mark back never leaves a reference behind, however long it ran.
     */
    public void confirmCandidates(Collection<String> ids) {
        ids.forEach(id -> candidates().updateOne(eq("_id", id), set("committing", false)));
    }

    /** Moves the candidates' due time (a writer renewing its hold on blobs it has not committed yet). */
    public void postponeCandidates(Collection<String> ids, Instant notBefore) {
        ids.forEach(id -> candidates().updateOne(eq("_id", id), set("notBefore", Date.from(notBefore))));
    }

    /**
     * Candidates whose blobs a commit references: the references still to be recorded blob by
     * blob. A candidate whose commit is still in progress ({@code committing}) waits until it is
     * confirmed, however long that takes: its writer is alive and will confirm the mark or take
     * it back (a commit refused with 409 after waiting longer than the lease for a busy
     * database used to have its references recorded here, and its blobs kept for ever). Only a
     * mark made before {@code processStart} (or by a version that did not date its marks) is
     * left by a writer that died with its process: nobody knows whether its commit landed, and
     * recording the reference is the choice that loses nothing.
     */
    List<Document> referencedCandidates(Date processStart, int limit) {
        Document filter = new Document("repo", new Document("$ne", null)).append("$or", List.of(
                new Document("committing", new Document("$ne", true)),
                new Document("markedAt", new Document("$lt", processStart)),
                new Document("markedAt", new Document("$exists", false))));
        return candidates().find(filter).limit(limit).into(new ArrayList<>());
    }

    /** Candidates due by {@code now} that no commit references. */
    List<Document> dueCandidates(Instant now, int limit) {
        return candidates().find(new Document("notBefore", new Document("$lte", Date.from(now))).append("repo", null))
                .limit(limit).into(new ArrayList<>());
    }

    void removeCandidate(String id) {
        candidates().deleteOne(eq("_id", id));
    }

    /**
     * Removes a due candidate the collector has handled ({@link #dueCandidates}), unless a writer
     * marked it for a commit or held it again since it was read (its {@code repo} set, its
     * {@code notBefore} moved): the writer's blobs stay listed.
     */
    void removeHandledCandidate(Document candidate) {
        candidates().deleteOne(unchanged(candidate));
    }

    /** Keeps only {@code shas} of a due candidate, due at {@code notBefore}; nothing if a writer changed it since it was read. */
    void narrowHandledCandidate(Document candidate, List<String> shas, Instant notBefore) {
        candidates().updateOne(unchanged(candidate), combine(set("shas", shas),
                set("sizes", java.util.Collections.nCopies(shas.size(), -1L)), set("notBefore", Date.from(notBefore))));
    }

    /** The candidate as read: same {@code _id}, {@code notBefore}, and no commit's mark. */
    private static org.bson.conversions.Bson unchanged(Document candidate) {
        return com.mongodb.client.model.Filters.and(eq("_id", candidate.get("_id")), eq("repo", null),
                eq("notBefore", candidate.getDate("notBefore")));
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

    /**
     * The git blob id remembered for the blob ({@code gitSha1} of its document), if any: a
     * hash of its bytes that a reader computed once ({@link #rememberGitBlobId}), so that no
     * server reads the blob again for it.
     */
    public Optional<String> gitBlobId(String sha256) {
        Document doc = blobs().find(eq("_id", sha256)).projection(new Document("gitSha1", 1)).first();
        return doc == null ? Optional.empty() : Optional.ofNullable(doc.getString("gitSha1"));
    }

    /** Remembers the blob's git blob id in its document; nothing when the blob has none yet (its references are not recorded yet). */
    public void rememberGitBlobId(String sha256, String gitSha1) {
        blobs().updateOne(eq("_id", sha256), set("gitSha1", gitSha1));
    }

    /**
     * Those of the blobs that repository {@code repoId} uses, each with its size in bytes as recorded
     * (-1 when none is): a blob whose document lists the repository (some commit of it names the
     * blob), or one a landed commit of it named whose references the collector has not recorded yet
     * (a confirmed candidate marked for the repository, {@link #referencedCandidates}). Lookups by
     * {@code _id} on {@code blobs}; {@code gcCandidates} is small (uploads in progress). Both queries
     * match an array field by element ({@code repos}, {@code shas}), as MongoDB's equality and
     * {@code $in} do on arrays. The candidates are read first: the collector adds the repository
     * to a blob's document and only then removes the candidate, so a candidate read after its
     * removal is always followed by a read of the document that already lists the repository.
     * Read the other way round, a recording that fell between the two reads was missed by both
     * (a committed LFS object answered "Object does not exist" once in a full test run).
     */
    public Map<String, Long> usedBy(String repoId, Collection<String> sha256s) {
        Map<String, Long> used = new HashMap<>();
        uses(sha256s, repoId, (sha256, repo, size, recorded) -> {
            if (recorded) {
                used.put(sha256, size); // the blob's document: its recorded size
            } else {
                used.merge(sha256, size, Math::max);
            }
        });
        return used;
    }

    /**
     * The repositories that reference each of these blobs, by sha256 (a blob no repository
     * references is absent): those its document lists in {@code repos}, and those a landed commit
     * marked on a candidate whose references the collector has not recorded yet (read as
     * {@link #usedBy} reads them). Entries that name no repository ({@code avatar:<name>})
     * are included; the caller matches them against repository ids.
     */
    public Map<String, Set<String>> users(Collection<String> sha256s) {
        Map<String, Set<String>> users = new HashMap<>();
        uses(sha256s, null, (sha256, repo, size, recorded) -> users.computeIfAbsent(sha256, k -> new HashSet<>()).add(repo));
        return users;
    }

    /** One use of a blob by a repository, as {@link #uses} finds it; {@code size} -1 when none is recorded. */
    private interface Use {
        void found(String sha256, String repoId, long size, boolean recorded);
    }

    /**
     * Every use of these blobs by {@code repoId} (null: by any repository), {@value #CHUNK} blobs a
     * query: first the confirmed candidates whose references the collector has not recorded yet
     * ({@code recorded} false), then the blobs' documents by {@code _id} ({@code recorded} true), in
     * that order for the reason {@link #usedBy} gives.
     */
    private void uses(Collection<String> sha256s, String repoId, Use use) {
        for (List<String> chunk : chunks(sha256s)) {
            Set<String> asked = new HashSet<>(chunk);
            candidates().find(and(repoId == null ? ne("repo", null) : eq("repo", repoId), ne("committing", true), in("shas", chunk)))
                    .forEach(d -> {
                        List<String> shas = d.getList("shas", String.class);
                        List<?> sizes = d.getList("sizes", Object.class);
                        for (int i = 0; i < shas.size(); i++) {
                            if (asked.contains(shas.get(i))) {
                                use.found(shas.get(i), d.getString("repo"), sizes != null && i < sizes.size() && sizes.get(i) instanceof Number n ? n.longValue() : -1L, false);
                            }
                        }
                    });
            blobs().find(repoId == null ? in("_id", chunk) : and(in("_id", chunk), eq("repos", repoId)))
                    .projection(repoId == null ? new Document("size", 1).append("repos", 1) : new Document("size", 1))
                    .forEach(d -> {
                        long size = d.get("size") instanceof Number n ? n.longValue() : -1L;
                        List<String> repos = repoId == null ? d.getList("repos", String.class) : List.of(repoId);
                        (repos == null ? List.<String>of() : repos).forEach(repo -> use.found(d.getString("_id"), repo, size, true));
                    });
        }
    }

    /** Those of the blobs that have a document (lookups by {@code _id}, {@value #CHUNK} a query). */
    Set<String> indexed(Collection<String> sha256s) {
        Set<String> indexed = new HashSet<>();
        for (List<String> chunk : chunks(sha256s)) {
            blobs().find(in("_id", chunk)).projection(new Document("_id", 1)).forEach(d -> indexed.add(d.getString("_id")));
        }
        return indexed;
    }

    /** True when the blob has a document. */
    public boolean isIndexed(String sha256) {
        return find(sha256) != null;
    }

    /**
     * Claims the blobs for deletion in the collector run of {@code tenure}; answers those claimed
     * already (by an earlier run: see {@link #claimTenure}).
     */
    Set<String> claim(Collection<String> sha256s, String tenure) {
        Date now = new Date();
        List<String> order = new ArrayList<>(sha256s);
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < order.size(); from += CHUNK) {
            List<String> chunk = order.subList(from, Math.min(order.size(), from + CHUNK));
            taken.addAll(NewDocuments.insertAbsent(claims(), chunk,
                    sha -> new Document("_id", sha).append("at", now).append("tenure", tenure)));
        }
        return taken;
    }

    /**
     * The tenure of the collector run that claimed the blob ({@link CollectorLease}); empty if it
     * is not claimed, {@code ""} for a claim written before claims named their run.
     */
    Optional<String> claimTenure(String sha256) {
        Document claim = claims().find(eq("_id", sha256)).first();
        return claim == null ? Optional.empty() : Optional.of(claim.get("tenure", ""));
    }

    void releaseClaims(Collection<String> sha256s) {
        deleteByIds(claims(), sha256s);
    }

    /** Removes blobs' documents once their files are gone (the caller holds the claims). */
    void forget(Collection<String> sha256s) {
        deleteByIds(blobs(), sha256s);
    }

    private static void deleteByIds(MongoCollection<Document> collection, Collection<String> ids) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        ids.forEach(id -> writes.add(new com.mongodb.client.model.DeleteOneModel<>(eq("_id", id))));
        bulk(collection, writes);
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
                        if (error.getCode() != NewDocuments.DUPLICATE_KEY || attempt >= 3) {
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
