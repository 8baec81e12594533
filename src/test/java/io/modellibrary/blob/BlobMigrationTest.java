package io.modellibrary.blob;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.modellibrary.support.S3Bucket;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate-blobs} ({@link BlobMigration}) from a disk store into S3Proxy, with its progress
 * records in a MongoDB wire-protocol server: every blob arrives and reads back whole; a run the
 * store interrupts resumes where it stopped, also with many blobs in flight at once; an object with other content under a blob's key is
 * found and replaced; a damaged file on the disk is reported and not sent.
 */
class BlobMigrationTest {

    private static final long PART = 5L << 20;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    static S3Client client;
    static MongoServer mongoServer;
    static MongoClient mongoClient;

    @TempDir
    Path dir;
    DiskBlobStore disk;
    String bucket;
    MongoCollection<Document> records;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final List<byte[]> contents = new ArrayList<>();
    final List<String> shas = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        client = S3Bucket.server().client(); // the JVM's shared S3Proxy: a bucket of its own per test
        mongoServer = new MongoServer(new H2Backend(new MVStore.Builder().open()));
        InetSocketAddress address = mongoServer.bind();
        mongoClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stopServers() throws Exception {
        mongoClient.close();
        mongoServer.shutdownNow();
        client.close();
    }

    @BeforeEach
    void fiveBlobsOnDisk() throws IOException {
        bucket = "migration" + BUCKETS.incrementAndGet();
        records = mongoClient.getDatabase("modellibrary").getCollection(bucket);
        disk = new DiskBlobStore(dir.resolve("blobs"));
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[]{0, 1, 4096, 300_000, (int) PART + 1000}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            BlobStore.Staged staged = disk.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
            disk.publish(List.of(staged));
            contents.add(content);
            shas.add(staged.sha256());
        }
    }

    @Test
    void everyBlobArrivesAndReadsBackWhole() throws Exception {
        S3BlobStore target = target(client);
        BlobMigration.Summary summary = migrate(target);

        assertThat(summary.complete()).isTrue();
        assertThat(summary.copied()).isEqualTo(5);
        for (int i = 0; i < shas.size(); i++) {
            assertThat(stored(target, shas.get(i))).isEqualTo(contents.get(i));
        }
        assertThat(output()).contains("5 blobs on disk", "complete: every blob is in the bucket and verified");

        BlobMigration.Summary again = migrate(target);
        assertThat(again.skipped()).isEqualTo(5);
        assertThat(again.bytesSent()).isZero();
    }

    @Test
    void aRunTheStoreInterruptsResumesWhereItStopped() throws Exception {
        BlobMigration.Summary first = migrate(target(failingUploadAfter(2)));
        assertThat(first.complete()).isFalse();
        assertThat(first.stopped()).isNotNull();
        assertThat(first.copied()).isEqualTo(2);
        assertThat(output()).contains("STOPPED at", "run the command again to resume");

        S3BlobStore target = target(client);
        BlobMigration.Summary second = migrate(target);
        assertThat(second.complete()).isTrue();
        assertThat(second.skipped()).isEqualTo(2);
        assertThat(second.copied()).isEqualTo(3);
        for (int i = 0; i < shas.size(); i++) {
            assertThat(stored(target, shas.get(i))).isEqualTo(contents.get(i));
        }
    }

    @Test
    void manySmallBlobsGoSeveralAtOnceAndARunStoppedAmongThemResumesWithEveryBlobWhole() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 40; i++) {
            byte[] content = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(content);
            BlobStore.Staged staged = disk.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
            disk.publish(List.of(staged));
            contents.add(content);
            shas.add(staged.sha256());
        }
        BlobMigration.Summary first = migrate(target(failingUploadAfter(20)));
        assertThat(first.stopped()).as("the store went away after 20 uploads").isNotNull();
        assertThat(first.copied()).isEqualTo(20);
        assertThat(output()).contains("STOPPED at", "run the command again to resume");

        S3BlobStore target = target(client);
        BlobMigration.Summary second = migrate(target);
        assertThat(second.complete()).isTrue();
        assertThat(second.skipped()).as("what the first run recorded").isEqualTo(20);
        assertThat(second.copied() + second.present()).isEqualTo(shas.size() - 20);
        for (int i = 0; i < shas.size(); i++) {
            assertThat(stored(target, shas.get(i))).isEqualTo(contents.get(i));
        }
    }

    @Test
    void anObjectWithOtherContentUnderABlobsKeyIsFoundAndReplaced() throws Exception {
        S3BlobStore target = target(client);
        String victim = shas.get(2);
        byte[] sameLengthOtherBytes = new byte[contents.get(2).length];
        java.util.Arrays.fill(sameLengthOtherBytes, (byte) 0x55);
        client.putObject(b -> b.bucket(bucket).key(target.key(victim)), RequestBody.fromBytes(sameLengthOtherBytes));

        BlobMigration.Summary summary = migrate(target);

        assertThat(summary.corrupt()).isEqualTo(1);
        assertThat(summary.complete()).isTrue();
        assertThat(output()).contains("CORRUPT in the bucket: " + victim);
        assertThat(stored(target, victim)).isEqualTo(contents.get(2));
    }

    @Test
    void aDamagedFileOnDiskIsReportedAndNotSent() throws Exception {
        String damaged = shas.get(3);
        Files.write(disk.path(damaged), new byte[contents.get(3).length]);
        S3BlobStore target = target(client);

        BlobMigration.Summary summary = migrate(target);

        assertThat(summary.damaged()).isEqualTo(1);
        assertThat(summary.complete()).isFalse();
        assertThat(output()).contains("DAMAGED on disk: " + damaged);
        assertThat(target.size(damaged)).isEqualTo(-1);
        assertThat(summary.copied()).isEqualTo(4);
    }

    private S3BlobStore target(S3Client using) {
        return new S3BlobStore(using, bucket, "blobs", PART, dir.resolve("staging"));
    }

    private BlobMigration.Summary migrate(S3BlobStore target) throws IOException {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new BlobMigration(disk, target, "test/" + bucket, records, out, Clock.systemUTC()).run();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static byte[] stored(S3BlobStore target, String sha256) throws IOException {
        try (InputStream in = target.open(sha256, 0, Math.max(0, target.size(sha256)))) {
            return in.readAllBytes();
        }
    }

    /** The client, but its uploads (single PUTs and parts) fail once {@code allowed} have gone through, as when the store goes away. */
    private static S3Client failingUploadAfter(int allowed) {
        AtomicInteger uploads = new AtomicInteger();
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[]{S3Client.class}, (self, method, args) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            if ((method.getName().equals("putObject") || method.getName().equals("createMultipartUpload"))
                    && uploads.incrementAndGet() > allowed) {
                throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
