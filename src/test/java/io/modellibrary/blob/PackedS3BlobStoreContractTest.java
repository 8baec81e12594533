package io.modellibrary.blob;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.S3Bucket;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlobStoreContract} against {@link S3BlobStore} packing small blobs ({@link S3Packs}),
 * with the server's {@link PackIndex} in the test database and the shared S3Proxy server, a
 * fresh bucket per test, 5 MiB parts. What is stored counts each packed blob by its index
 * document, and a pack no document points to by its key, so a pack left behind is seen. And a
 * large blob of unknown hash: sent while it arrives, as a pack of one, swept when cut by a crash.
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
    /** Content lengths of the parts sent, in order. */
    private final List<Long> parts = new CopyOnWriteArrayList<>();

    @Override
    BlobStore store() {
        mongo.getCollection(PackIndex.ENTRIES).deleteMany(new Document());
        mongo.getCollection(PackIndex.PACKS).deleteMany(new Document());
        client = S3Bucket.server().client();
        bucket = "packed" + BUCKETS.incrementAndGet();
        store = new S3BlobStore(S3BlobStoreContractTest.recording(client, parts, n -> { }), null, bucket, "",
                S3BlobStoreContractTest.PART, dir.resolve("staging"), packs);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (client != null) {
            client.close();
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

    /** 200 MiB of unknown hash: 40 parts of 5 MiB to one object under packs/, which is the blob whole (a pack of one). */
    @Override
    void checkLargeUpload(BlobStore.Staged staged) {
        assertThat(parts).hasSize(40).containsOnly(S3BlobStoreContractTest.PART);
        List<String> keys = client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertThat(keys).singleElement().asString().startsWith("packs/");
        PackIndex.Location at = packs.locate(staged.sha256()).orElseThrow();
        assertThat(at.pack()).isEqualTo(keys.get(0));
        assertThat(at.offset()).isZero();
        assertThat(at.whole()).isTrue();
        assertThat(client.headObject(b -> b.bucket(bucket).key(at.pack())).contentLength()).isEqualTo(staged.size());
    }

    @Override
    void checkCutUpload() {
        assertThat(parts).as("parts were sent before the cut").hasSizeGreaterThanOrEqualTo(2);
    }

    /** 60 MiB of unknown hash, 3 parts in flight at most: all but the last 4 of 12 parts have started before the body's last byte is read. */
    @Test
    void contentOfUnknownHashIsSentWhileItArrives() throws Exception {
        BlobStore store = store();
        AtomicInteger sentBeforeTheEnd = new AtomicInteger(-1);
        InputStream body = atItsEnd(generated(60 * MiB), () -> sentBeforeTheEnd.compareAndSet(-1, parts.size()));

        BlobStore.Staged staged = store.stage(body, Long.MAX_VALUE);

        assertThat(sentBeforeTheEnd.get()).isGreaterThanOrEqualTo(12 - 1 - S3PartUpload.IN_FLIGHT);
        assertThat(store.exists(staged.sha256())).as("not visible before publish").isFalse();
        assertThat(stored()).isEmpty();
        store.publish(List.of(staged));
        assertThat(parts).hasSize(12);
        assertThat(stored()).containsExactly(staged.sha256());
        assertThat(sha256Of(store.open(staged.sha256(), 60 * MiB))).isEqualTo(staged.sha256());
        assertThat(incomplete()).isEmpty();
    }

    /** A crash while a large blob of unknown hash arrives: its parts under packs/ are what the start-up sweep of incomplete uploads aborts. */
    @Test
    void aPackOfOneCutByACrashIsSweptAway() throws Exception {
        BlobStore store = store();
        BlobStore.Staged staged = store.stage(generated(12 * MiB), Long.MAX_VALUE); // the server dies before publishing it

        assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).singleElement()
                .extracting(MultipartUpload::key).asString().startsWith("packs/");
        assertThat(this.store.abortIncompleteUploads(Duration.ofDays(1))).as("too young to be swept").isZero();
        assertThat(this.store.abortIncompleteUploads(Duration.ZERO)).isEqualTo(1);

        assertThat(incomplete()).isEmpty();
        assertThat(stored()).isEmpty();
        assertThat(store.exists(staged.sha256())).isFalse();
    }
}
