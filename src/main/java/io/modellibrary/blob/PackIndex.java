package io.modellibrary.blob;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

/**
 * Where the S3 store's packed blobs are: small blobs of one batch uploaded as one object (a
 * pack, {@link S3BlobStore}), and which packs may have no blob left.
 *
 * <ul>
 *   <li>{@code packedBlobs}: {@code _id} = sha256, {@code pack} (the pack's object key),
 *   {@code offset} and {@code size} (bytes within the pack), {@code created}, {@code whole}
 *   ({@code true} when the blob is the pack's whole object, a pack of one; absent otherwise). Every read looks a
 *   blob up here by {@code _id}.</li>
 *   <li>{@code blobPacks}: {@code _id} = the pack's object key, {@code live} (how many
 *   {@code packedBlobs} documents point to it), {@code checkAfter} (a date, or null),
 *   {@code created}. A {@code checkAfter} set means "the count may be wrong": written before a
 *   pack is uploaded (now + the grace period) and before a blob of it is removed (now), and
 *   cleared once the step is done. A crash in between leaves it set, and {@link #due} hands the
 *   pack to the sweep, which counts its blobs with the index on {@code packedBlobs.pack} and
 *   deletes the object when none is left.</li>
 * </ul>
 *
 * <p>Every lookup on an upload's or a read's path is by {@code _id}; the count by {@code pack}
 * (which the embedded database answers by a scan, as it ignores non-unique indexes) runs only in
 * the sweep, after a crash.
 */
@Component
public class PackIndex {

    static final String ENTRIES = "packedBlobs";
    static final String PACKS = "blobPacks";
    private static final int CHUNK = 1000;

    private final MongoTemplate mongo;
    private final BlobIndex blobs;
    private final Clock clock;
    private final Duration grace;

    PackIndex(MongoTemplate mongo, BlobIndex blobs, Clock clock, StorageProperties properties) {
        this.mongo = mongo;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = properties.grace();
    }

    /**
     * Where a packed blob is.
     *
     * @param pack    the pack's object key
     * @param offset  the blob's first byte in the pack
     * @param size    the blob's size in bytes
     * @param created when the pack's index was written
     * @param whole   the blob is the pack's whole object (a pack of one, {@link S3Packs#writeWhole}):
     *                a presigned URL of the pack serves exactly its bytes
     */
    record Location(String pack, long offset, long size, Instant created, boolean whole) {
    }

    /**
     * A blob to record in a pack: bytes {@code [offset, offset + size)} of it; {@code whole}: they
     * are the whole object (a pack of one).
     */
    record Entry(String sha256, long offset, long size, boolean whole) {
        /** A blob among others in its pack. */
        Entry(String sha256, long offset, long size) {
            this(sha256, offset, size, false);
        }
    }

    /**
     * The index on {@code packedBlobs.pack} (the sweep's count) and on {@code blobPacks.checkAfter}
     * (the sweep's due packs), which a real MongoDB needs ({@link BlobMigrations}).
     */
    void createIndexes() {
        entries().createIndex(Indexes.ascending("pack"), new IndexOptions().name("pack"));
        packs().createIndex(Indexes.ascending("checkAfter"), new IndexOptions().name("checkAfter"));
    }

    /** The blob's place, if it is packed (one lookup by {@code _id}). */
    Optional<Location> locate(String sha256) {
        return Optional.ofNullable(entries().find(eq("_id", sha256)).first()).map(PackIndex::location);
    }

    /** The places of those of the blobs that are packed, by sha256 (lookups by {@code _id}, {@value #CHUNK} a query). */
    Map<String, Location> locateAll(Collection<String> sha256s) {
        Map<String, Location> found = new HashMap<>();
        List<String> all = new ArrayList<>(sha256s);
        for (int from = 0; from < all.size(); from += CHUNK) {
            entries().find(in("_id", all.subList(from, Math.min(all.size(), from + CHUNK))))
                    .forEach(d -> found.put(d.getString("_id"), location(d)));
        }
        return found;
    }

    /**
     * Those of the blobs some repository or avatar uses ({@link BlobIndex}): stored already,
     * packed or as objects of their own. A blob without a document is new but for one stored
     * by an upload not committed yet, which a batch then packs a second time.
     */
    java.util.Set<String> used(Collection<String> sha256s) {
        return blobs.indexed(sha256s);
    }

    /**
     * Announces a pack about to be uploaded: if no blob of it is ever recorded (a crash before
     * {@link #record}), the sweep deletes it once the grace period has passed.
     */
    void opening(String pack) {
        Date now = Date.from(clock.instant());
        packs().insertOne(new Document("_id", pack).append("live", 0L).append("created", now)
                .append("checkAfter", Date.from(now.toInstant().plus(grace))));
    }

    /**
     * Points the blobs to the pack (uploaded whole before this call), then counts them in it.
     * A blob another writer recorded meanwhile keeps its place (its bytes in this pack are
     * unused); a pack left with no blob is due for the sweep at once. Answers how many blobs now
     * point to the pack.
     *
     * @throws java.io.IOException when the sweep removed the pack meanwhile (an upload that took
     *                             longer than the grace period): its blobs are taken back
     */
    long record(String pack, List<Entry> blobs) throws java.io.IOException {
        Date now = Date.from(clock.instant());
        List<String> recorded = new ArrayList<>();
        for (int from = 0; from < blobs.size(); from += CHUNK) {
            List<Entry> chunk = blobs.subList(from, Math.min(blobs.size(), from + CHUNK));
            List<Entry> taken = NewDocuments.insertAbsent(entries(), chunk, e -> whole(new Document("_id", e.sha256())
                    .append("pack", pack).append("offset", e.offset()).append("size", e.size()).append("created", now), e.whole()));
            chunk.stream().filter(e -> !taken.contains(e)).forEach(e -> recorded.add(e.sha256()));
        }
        // A pack none of whose blobs was recorded (all packed by other uploads meanwhile) stays due
        // now, so that the sweep deletes it rather than keep an object no blob points to.
        Date checkAfter = recorded.isEmpty() ? now : null;
        if (packs().updateOne(eq("_id", pack), combine(inc("live", (long) recorded.size()), set("checkAfter", checkAfter)))
                .getMatchedCount() == 0) {
            entries().deleteMany(and(in("_id", recorded), eq("pack", pack)));
            throw new java.io.IOException("pack " + pack + " was swept while it was being recorded; send the files again");
        }
        return recorded.size();
    }

    /**
     * Removes the blob from its pack; answers the pack when no blob is left in it (the caller
     * deletes the object, then calls {@link #dropped}), else empty. The pack is marked for the
     * sweep first, so that a crash part-way leaves it to be counted again.
     */
    Optional<String> remove(String sha256, Location location) {
        String pack = location.pack();
        packs().updateOne(eq("_id", pack), set("checkAfter", Date.from(clock.instant())));
        long removed = entries().deleteOne(and(eq("_id", sha256), eq("pack", pack))).getDeletedCount();
        Document after = packs().findOneAndUpdate(eq("_id", pack), inc("live", -removed),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null || after.get("live", Number.class).longValue() <= 0) {
            return Optional.of(pack); // still marked: a crash before the object is deleted leaves it to the sweep
        }
        packs().updateOne(eq("_id", pack), set("checkAfter", null));
        return Optional.empty();
    }

    /** The packed blob's age in ms, from when its pack's index was written (this index's clock, as the collector's). */
    long ageMillis(Location location) {
        return Math.max(0, clock.millis() - location.created().toEpochMilli());
    }

    /** Packs whose count is to be checked by {@code now} (at most {@code limit}). */
    List<String> due(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        packs().find(lte("checkAfter", Date.from(now))).projection(new Document("_id", 1)).limit(limit)
                .forEach(d -> due.add(d.getString("_id")));
        return due;
    }

    /**
     * How many blobs point to the pack (the sweep only). On a real MongoDB an equality on the
     * indexed {@code pack} is counted from the index alone (the manual, {@code count}, "Index
     * Use": conditions only on the index's keys, one contiguous range of them).
     */
    long count(String pack) {
        return entries().countDocuments(eq("pack", pack));
    }

    /** Sets the pack's count found by the sweep, and clears its mark. */
    void settle(String pack, long live) {
        packs().updateOne(eq("_id", pack), combine(set("live", live), set("checkAfter", null)));
    }

    /** Forgets a pack whose object is deleted. */
    void dropped(String pack) {
        packs().deleteOne(eq("_id", pack));
    }

    /** The document, with {@code whole: true} when the blob is its pack's whole object (absent otherwise). */
    private static Document whole(Document entry, boolean whole) {
        return whole ? entry.append("whole", true) : entry;
    }

    private static Location location(Document d) {
        Date created = d.getDate("created");
        return new Location(d.getString("pack"), d.get("offset", Number.class).longValue(), d.get("size", Number.class).longValue(),
                created == null ? Instant.EPOCH : created.toInstant(), Boolean.TRUE.equals(d.getBoolean("whole")));
    }

    private MongoCollection<Document> entries() {
        return mongo.getCollection(ENTRIES);
    }

    private MongoCollection<Document> packs() {
        return mongo.getCollection(PACKS);
    }
}
