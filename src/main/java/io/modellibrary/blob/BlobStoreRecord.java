package io.modellibrary.blob;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;

/**
 * Which store holds the blobs, as the database records it: one document, {@code _id: "blobs"} in
 * collection {@value #COLLECTION}, {@code {store: "s3", bucket, endpoint, prefix, since}}, written
 * when a server first starts on the S3 store and when {@code migrate-blobs} completes (no document:
 * the disk store, as every data directory before it had). A server that starts on the disk store
 * while the record says S3 (a restart that forgot the S3 settings after {@code migrate-blobs}) is
 * refused with a {@link BlobStoreSettingsException} naming the settings, rather than serving every
 * file as damaged and keeping new uploads on this machine only; {@code migrate-blobs} itself runs on
 * the disk store and is not refused. {@value #ALLOW_CHANGE}{@code =true} lets it start anyway
 * (the blobs were copied back into {@code <data-dir>/blobs}): the record is then removed. A server
 * on S3 with another bucket, endpoint or prefix than recorded logs a WARN and records the new one
 * (a bucket moved by the operator; the per-blob check still finds files whose blobs are not there).
 */
@Component
class BlobStoreRecord {

    /** The collection of the record. */
    static final String COLLECTION = "settings";
    /** The record's {@code _id}. */
    static final String ID = "blobs";
    /** The override: start on the disk store although the record says S3 (and remove the record). */
    static final String ALLOW_CHANGE = "modellibrary.blobs.allow-store-change";

    private static final Logger log = LoggerFactory.getLogger(BlobStoreRecord.class);

    /**
     * Checks the record against the store in use at start-up and writes it as described above.
     *
     * @throws BlobStoreSettingsException when the store is the disk one, the record says S3, and neither
     *                                    {@code migrate-blobs} runs nor {@value #ALLOW_CHANGE} is set
     */
    BlobStoreRecord(BlobStore store, BlobStoreProperties properties, MongoTemplate mongo, Environment environment, Clock clock) {
        Document recorded = mongo.getCollection(COLLECTION).find(new Document("_id", ID)).first();
        boolean inS3 = recorded != null && "s3".equals(recorded.getString("store"));
        if (store instanceof S3BlobStore) {
            Document now = of(properties.s3(), clock);
            if (!inS3 || !same(recorded, now)) {
                if (inS3) {
                    log.warn("Blobs: the database recorded bucket {} at {}, prefix {}; this server uses bucket {} at {}, prefix {}:"
                                    + " recorded as the store from now on", recorded.get("bucket"), recorded.get("endpoint"),
                            recorded.get("prefix"), now.get("bucket"), now.get("endpoint"), now.get("prefix"));
                }
                record(mongo, now);
            }
            return;
        }
        if (!inS3 || environment.getProperty("modellibrary.migrate-blobs", Boolean.class, false)) {
            return;
        }
        if (environment.getProperty(ALLOW_CHANGE, Boolean.class, false)) {
            log.warn("Blobs: the database recorded them in S3 (bucket {} at {}); starting on the disk store as {}=true asks,"
                    + " and removing that record", recorded.get("bucket"), recorded.get("endpoint"), ALLOW_CHANGE);
            mongo.getCollection(COLLECTION).deleteOne(new Document("_id", ID));
            return;
        }
        String prefix = recorded.getString("prefix");
        throw new BlobStoreSettingsException("The database records that the blobs are in S3 (bucket " + recorded.get("bucket")
                + " at " + recorded.get("endpoint") + (prefix == null || prefix.isBlank() ? "" : ", prefix " + prefix)
                + ", since " + recorded.get("since") + "), but this server was started on the disk store (modellibrary.blobs.store"
                + " is disk or unset): it would answer every file as damaged and keep new uploads on this machine only.",
                "Start it with the S3 settings, as on every start since migrate-blobs: MODELLIBRARY_BLOBS_STORE=s3"
                        + " MODELLIBRARY_BLOBS_S3_BUCKET=" + recorded.get("bucket")
                        + (recorded.get("endpoint") instanceof String e && !e.startsWith("AWS S3") ? " MODELLIBRARY_BLOBS_S3_ENDPOINT=" + e : "")
                        + (prefix == null || prefix.isBlank() ? "" : " MODELLIBRARY_BLOBS_S3_PREFIX=" + prefix)
                        + " and the keys (MODELLIBRARY_BLOBS_S3_ACCESS_KEY, _SECRET_KEY; README, \"Moving blobs from disk to S3\")."
                        + " If the blobs were copied back into <data-dir>/blobs, start once with " + ALLOW_CHANGE
                        + "=true (MODELLIBRARY_BLOBS_ALLOW_STORE_CHANGE=true), which removes the record.", null);
    }

    /** Records {@code s3} as the store of the blobs (what {@code migrate-blobs} calls once it completed). */
    static void recordS3(MongoTemplate mongo, S3Properties s3, Clock clock) {
        record(mongo, of(s3, clock));
    }

    /** The endpoint as the log and the record name it: its URL, or {@code AWS S3 in <region>}. */
    static String endpoint(S3Properties s3) {
        return s3.endpoint() != null ? s3.endpoint().toString() : "AWS S3 in " + s3.region();
    }

    private static Document of(S3Properties s3, Clock clock) {
        return new Document("_id", ID).append("store", "s3").append("bucket", s3.bucket()).append("endpoint", endpoint(s3))
                .append("prefix", s3.prefix() == null ? "" : s3.prefix().strip()).append("since", Date.from(clock.instant()));
    }

    private static boolean same(Document recorded, Document now) {
        return java.util.Objects.equals(recorded.get("bucket"), now.get("bucket"))
                && java.util.Objects.equals(recorded.get("endpoint"), now.get("endpoint"))
                && java.util.Objects.equals(recorded.get("prefix"), now.get("prefix"));
    }

    private static void record(MongoTemplate mongo, Document record) {
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", ID), record,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
}
