package io.modellibrary.blob;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.S3Bucket;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.eq;

/**
 * {@link BlobStoreContract} against {@link S3BlobStore} packing small blobs ({@link S3Packs}),
 * with the server's {@link PackIndex} in the test database and the shared S3Proxy server, a
 * fresh bucket per test. What is stored counts each packed blob by its index document, and a
 * pack no document points to by its key, so a pack left behind is seen.
 */
@EmptyCatalogueTest
class PackedS3BlobStoreContractTest extends BlobStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @Autowired
    PackIndex packs;
    @Autowired
    MongoTemplate mongo;

    private S3Client client;
    private S3BlobStore store;
    private String bucket;

    @Override
    BlobStore store() {
        mongo.getCollection(PackIndex.ENTRIES).deleteMany(new Document());
        mongo.getCollection(PackIndex.PACKS).deleteMany(new Document());
        client = S3Bucket.server().client();
        bucket = "packed" + BUCKETS.incrementAndGet();
        store = new S3BlobStore(client, null, bucket, "", 5 * MiB, dir.resolve("staging"), packs);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    List<String> stored() {
        List<String> stored = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (!object.key().startsWith("packs/")) {
                stored.add(object.key());
                continue;
            }
            List<String> inPack = new ArrayList<>();
            mongo.getCollection(PackIndex.ENTRIES).find(eq("pack", object.key())).forEach(d -> inPack.add(d.getString("_id")));
            stored.addAll(inPack.isEmpty() ? List.of(object.key()) : inPack);
        }
        return stored;
    }

    @Override
    List<String> incomplete() throws Exception {
        return S3BlobStoreContractTest.incomplete(client, bucket, dir.resolve("staging"));
    }
}
