package io.modellibrary.blob;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.MutableClock;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 store's packs ({@link S3Packs}) on S3Proxy, through the writer and the collector as an
 * upload and a collection use them: the small files of one batch are one object and read back
 * byte-exact, whole and by range; the pack goes only once no file in it is used; a pack a crash
 * left without index documents is swept once the grace period (1 h here, the clock moved past it)
 * has passed; a file larger than a part (5 MiB here) is a pack of one, presigned whole.
 */
@EmptyCatalogueTest
@TestPropertySource(properties = {"modellibrary.storage.grace=1h", "modellibrary.storage.lease=300ms",
        "modellibrary.storage.gc-interval=1h"})
class S3PackTest {

    private static final String BUCKET = "packs";
    private static final Duration PAST_GRACE = Duration.ofHours(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    BlobCollector collector;
    @Autowired
    BlobIndex index;
    @Autowired
    PackIndex packIndex;
    @Autowired
    BlobStore store;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;

    private S3Client client;
    private final String run = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void packedS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, BUCKET);
        registry.add("modellibrary.blobs.s3.presigned-downloads", () -> "true");
        registry.add("modellibrary.blobs.s3.part-size", () -> "5MB");
    }

    @BeforeEach
    void client() {
        client = S3Bucket.server().client();
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** {@code size} bytes unique to this run and {@code n}. */
    private byte[] content(int n, int size) {
        byte[] bytes = new byte[size];
        new Random(n).nextBytes(bytes);
        byte[] tag = (run + ":" + n).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, bytes, 0, Math.min(tag.length, size));
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DiskBlobStore.sha256().digest(bytes));
    }

    private Set<String> packKeys() {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("packs/")).contents().stream()
                .map(S3Object::key).collect(Collectors.toSet());
    }

    private byte[] read(String sha, long offset, long length) throws IOException {
        try (InputStream in = store.open(sha, offset, length)) {
            return in.readAllBytes();
        }
    }

    /** Stores the contents as one upload that ends without a commit (its blobs listed for the collector); their sha256s. */
    private List<String> upload(List<byte[]> contents) throws IOException {
        List<String> shas = new ArrayList<>();
        try (BlobWriter writer = collector.writer()) {
            for (byte[] c : contents) {
                shas.add(writer.store(new ByteArrayInputStream(c), 1 << 20).sha256());
            }
            writer.flush();
        }
        return shas;
    }

    @Test
    void theSmallFilesOfABatchAreOneObjectReadBackByteExactWholeAndByRange() throws Exception {
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            small.add(content(i, 1 + i * 218)); // 1 B to 64 KiB
        }
        byte[] large = content(1000, 100_000);
        List<byte[]> all = new ArrayList<>(small);
        all.add(large);
        Set<String> before = packKeys();

        upload(all);

        Set<String> packs = packKeys();
        packs.removeAll(before);
        assertThat(packs).as("one pack for the 300 small files").hasSize(1);
        for (byte[] c : small) {
            String sha = sha256(c);
            assertThat(store.size(sha)).isEqualTo(c.length);
            assertThat(read(sha, 0, c.length)).isEqualTo(c);
            int from = c.length / 3;
            assertThat(read(sha, from, 17)).isEqualTo(Arrays.copyOfRange(c, from, Math.min(c.length, from + 17)));
            assertThat(read(sha, c.length - 1, 10)).as("a range past the end is cut").containsExactly(c[c.length - 1]);
            assertThat(read(sha, c.length, 10)).as("nothing after the end").isEmpty();
            assertThat(store.presignedDownload(sha, "attachment")).as("a pack's range has no presigned URL").isEmpty();
        }
        String largeSha = sha256(large);
        assertThat(read(largeSha, 0, large.length)).isEqualTo(large);
        assertThat(client.headObject(b -> b.bucket(BUCKET).key(largeSha.substring(0, 2) + "/" + largeSha)).contentLength())
                .as("a file over 64 KiB is an object of its own").isEqualTo(large.length);
        assertThat(store.presignedDownload(largeSha, "attachment")).isPresent();

        Map<String, Long> sizes = new java.util.HashMap<>();
        small.forEach(c -> sizes.put(sha256(c), (long) c.length));
        index.referenceAll("repo-" + run, sizes); // as the upload's commit does

        upload(small);

        assertThat(packKeys()).as("contents a repository uses are not packed again").hasSize(before.size() + 1);
    }

    /**
     * Files packed by an upload not committed yet are new to the next upload too (only what a
     * repository uses is looked up): packed again, the index keeps their first place, and the
     * second pack, which no file points to, is deleted at once.
     */
    @Test
    void aPackAllOfWhoseFilesWerePackedAlreadyIsDeletedAtOnce() throws Exception {
        List<byte[]> contents = List.of(content(10, 1000), content(11, 2000));
        List<String> shas = upload(contents);
        String first = packIndex.locate(shas.get(0)).orElseThrow().pack();
        Set<String> before = packKeys();
        long announced = mongo.getCollection(PackIndex.PACKS).countDocuments();

        upload(contents);

        assertThat(packKeys()).as("no second pack").isEqualTo(before);
        assertThat(mongo.getCollection(PackIndex.PACKS).countDocuments()).as("nor one left to sweep").isEqualTo(announced);
        assertThat(packIndex.locate(shas.get(1)).orElseThrow().pack()).as("the first place is kept").isEqualTo(first);
        assertThat(read(shas.get(0), 0, 1000)).isEqualTo(contents.get(0));
        assertThat(read(shas.get(1), 0, 2000)).isEqualTo(contents.get(1));
    }

    @Test
    void aFileStoredAsAnObjectOfItsOwnIsNotPackedAgain() throws Exception {
        byte[] alone = content(6, 700);
        String aloneSha = upload(List.of(alone)).get(0);
        index.referenceAll("repo-" + run, Map.of(aloneSha, (long) alone.length));

        List<String> shas = upload(List.of(alone, content(7, 800), content(8, 900)));

        assertThat(packIndex.locate(aloneSha)).as("one upload, one object of its own").isEmpty();
        assertThat(packIndex.locate(shas.get(1))).isPresent();
        assertThat(packIndex.locate(shas.get(2)).orElseThrow().pack()).isEqualTo(packIndex.locate(shas.get(1)).orElseThrow().pack());
        assertThat(read(aloneSha, 0, alone.length)).isEqualTo(alone);
    }

    @Test
    void aPackGoesOnlyOnceNoFileInItIsUsed() throws Exception {
        byte[] kept = content(1, 2000);
        byte[] dropped = content(2, 3000);
        List<String> shas = upload(List.of(kept, dropped));
        String pack = packIndex.locate(shas.get(0)).orElseThrow().pack();
        assertThat(packIndex.locate(shas.get(1)).orElseThrow().pack()).isEqualTo(pack);
        String repo = "repo-" + run;
        index.referenceAll(repo, Map.of(shas.get(0), (long) kept.length));

        clock.advance(PAST_GRACE);
        collector.collectNow();

        assertThat(store.exists(shas.get(1))).as("the unused file is collected").isFalse();
        assertThat(read(shas.get(0), 0, kept.length)).as("the used file of its pack reads on").isEqualTo(kept);
        assertThat(packKeys()).contains(pack);

        index.unreference(repo, List.of(shas.get(0)));
        clock.advance(PAST_GRACE);
        collector.collectNow();

        assertThat(store.exists(shas.get(0))).isFalse();
        assertThat(packKeys()).as("the pack went with its last file").doesNotContain(pack);
        assertThat(mongo.getCollection(PackIndex.PACKS).find(eq("_id", pack)).first()).isNull();
    }

    /**
     * A file over one part, whose hash the upload learns only at its end (the seed upload, a Hub
     * commit's regular file): a pack of one, read back byte-exact whole and by range, presigned
     * whole (the URL serves exactly its bytes, a range too), and gone with its pack once unused.
     */
    @Test
    void aLargeFileIsAPackOfOnePresignedWholeAndCollectedOnceUnused() throws Exception {
        byte[] large = content(20, 12 << 20);
        Set<String> before = packKeys();
        String sha;
        try (BlobWriter writer = collector.writer()) {
            sha = writer.store(new ByteArrayInputStream(large), large.length).sha256();
            writer.flush();
        }

        Set<String> packs = packKeys();
        packs.removeAll(before);
        assertThat(packs).as("one pack, of the one file").hasSize(1);
        String pack = packs.iterator().next();
        assertThat(packIndex.locate(sha).orElseThrow().pack()).isEqualTo(pack);
        assertThat(store.size(sha)).isEqualTo(large.length);
        assertThat(read(sha, 0, large.length)).isEqualTo(large);
        int from = (5 << 20) - 10; // across the first part's end
        assertThat(read(sha, from, 20)).isEqualTo(Arrays.copyOfRange(large, from, from + 20));

        URI url = store.presignedDownload(sha, "attachment; filename=\"model.bin\"").orElseThrow();
        HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(large);
        HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(url).header("Range", "bytes=" + from + "-" + (from + 19)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(large, from, from + 20));

        clock.advance(PAST_GRACE);
        collector.collectNow();

        assertThat(store.exists(sha)).as("an upload never committed is collected").isFalse();
        assertThat(packKeys()).as("its pack went with it").doesNotContain(pack);
        assertThat(mongo.getCollection(PackIndex.PACKS).find(eq("_id", pack)).first()).isNull();
    }

    /** A crash between a pack's upload and its index: the announced pack is swept once the grace period is over. */
    @Test
    void aPackNoIndexDocumentPointsToIsSweptAfterTheGracePeriod() {
        String pack = "packs/" + UUID.randomUUID();
        packIndex.opening(pack);
        client.putObject(b -> b.bucket(BUCKET).key(pack), RequestBody.fromBytes(content(3, 500)));

        collector.collectNow();
        assertThat(packKeys()).as("an upload may still be recording it").contains(pack);

        clock.advance(PAST_GRACE);
        collector.collectNow();

        assertThat(packKeys()).doesNotContain(pack);
        assertThat(mongo.getCollection(PackIndex.PACKS).find(eq("_id", pack)).first()).isNull();
    }

    /** A crash in the collector after a packed file's document went and before its pack's count did: the sweep counts again. */
    @Test
    void aRemovalCutShortIsFinishedByTheSweep() throws Exception {
        List<String> shas = upload(List.of(content(4, 100), content(5, 200)));
        String pack = packIndex.locate(shas.get(0)).orElseThrow().pack();
        // what removing both files does before the crash: the pack marked, the files' documents gone, the count not yet down
        mongo.getCollection(PackIndex.PACKS).updateOne(eq("_id", pack), set("checkAfter", Date.from(clock.instant())));
        mongo.getCollection(PackIndex.ENTRIES).deleteMany(in("_id", shas));

        collector.collectNow();

        assertThat(packKeys()).doesNotContain(pack);
        assertThat(mongo.getCollection(PackIndex.PACKS).find(eq("_id", pack)).first()).isNull();
    }
}
