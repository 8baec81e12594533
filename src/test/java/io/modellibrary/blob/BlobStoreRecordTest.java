package io.modellibrary.blob;

import io.modellibrary.support.EmptyCatalogueTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After {@code migrate-blobs}, a start that forgot the S3 settings is refused with a report naming
 * them, not a server that answers every file as damaged; a data directory without a record starts
 * on disk as before; the documented override starts it on disk and removes the record.
 */
@EmptyCatalogueTest
class BlobStoreRecordTest {

    private static final S3Properties MIGRATED = new S3Properties(URI.create("http://minio:9000"), "us-east-1", "models", "ml",
            true, "key", "secret", false, DataSize.ofMegabytes(16));

    @Autowired
    MongoTemplate mongo;
    @Autowired
    DiskBlobStore disk;
    @Autowired
    BlobStoreProperties properties;

    @AfterEach
    void noRecord() {
        mongo.getCollection(BlobStoreRecord.COLLECTION).deleteOne(new Document("_id", BlobStoreRecord.ID));
    }

    @Test
    void aStartOnDiskAfterMigrateBlobsIsRefusedNamingTheS3SettingsToSet() {
        new BlobStoreRecord(disk, properties, mongo, new MockEnvironment(), Clock.systemUTC()); // no record: starts as before
        BlobStoreRecord.recordS3(mongo, MIGRATED, Clock.systemUTC());

        assertThatThrownBy(() -> new BlobStoreRecord(disk, properties, mongo, new MockEnvironment(), Clock.systemUTC()))
                .isInstanceOfSatisfying(BlobStoreSettingsException.class, e -> {
                    FailureAnalysis report = new BlobStoreSettingsException.Analyzer().analyze(new IllegalStateException("wrapped", e));
                    assertThat(report.getDescription()).startsWith("The database records that the blobs are in S3 (bucket models at"
                            + " http://minio:9000, prefix ml").contains("started on the disk store");
                    assertThat(report.getAction()).contains("MODELLIBRARY_BLOBS_STORE=s3 MODELLIBRARY_BLOBS_S3_BUCKET=models"
                                    + " MODELLIBRARY_BLOBS_S3_ENDPOINT=http://minio:9000 MODELLIBRARY_BLOBS_S3_PREFIX=ml")
                            .contains("MODELLIBRARY_BLOBS_ALLOW_STORE_CHANGE=true");
                });
        // migrate-blobs runs on the disk store, to resume or to copy what came in meanwhile
        new BlobStoreRecord(disk, properties, mongo, new MockEnvironment().withProperty("modellibrary.migrate-blobs", "true"),
                Clock.systemUTC());
    }

    @Test
    void theOverrideStartsOnDiskAndRemovesTheRecord() {
        BlobStoreRecord.recordS3(mongo, MIGRATED, Clock.systemUTC());
        new BlobStoreRecord(disk, properties, mongo, new MockEnvironment().withProperty(BlobStoreRecord.ALLOW_CHANGE, "true"),
                Clock.systemUTC());
        assertThat(mongo.getCollection(BlobStoreRecord.COLLECTION).find(new Document("_id", BlobStoreRecord.ID)).first()).isNull();
        new BlobStoreRecord(disk, properties, mongo, new MockEnvironment(), Clock.systemUTC()); // and the next start without it too
    }
}
