package io.modellibrary.blob;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BlobStoreContract} against {@link S3BlobStore} on S3Proxy (filesystem backend), a
 * fresh bucket per test, 5 MiB parts; and what only the S3 store does: multipart uploads whose
 * parts are sent while the body arrives, to a temporary key copied to the blob's key on publish,
 * aborted when a part fails, the body is cut or the content is stored already, swept when the
 * server went away; keys under the prefix.
 */
class S3BlobStoreContractTest extends BlobStoreContract {

    static final long PART = 5 * MiB;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path serverDir;
    static S3ProxyServer server;
    static S3Client client;

    /** Content lengths of the parts sent, in order; what {@link #onPart} does before each part. */
    final List<Long> parts = new CopyOnWriteArrayList<>();
    volatile IntConsumer onPart = n -> { };
    String bucket;
    S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(serverDir);
        client = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        client.close();
        server.close();
    }

    @Override
    BlobStore store() {
        bucket = "bucket" + BUCKETS.incrementAndGet();
        store = new S3BlobStore(recording(client), bucket, "/blobs/", PART, dir.resolve("staging"));
        return store;
    }

    /** The client, but recording each part's length and running {@link #onPart} before sending it. */
    S3Client recording(S3Client delegate) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[]{S3Client.class}, (self, method, args) -> {
            if (method.getName().equals("uploadPart")) {
                parts.add(((RequestBody) args[1]).optionalContentLength().orElse(-1L));
                onPart.accept(parts.size());
            }
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    List<String> stored() {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Override
    List<String> incomplete() throws IOException {
        List<String> all = new ArrayList<>(client.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().stream()
                .map(MultipartUpload::key).toList());
        Path tmp = dir.resolve("staging/tmp");
        try (Stream<Path> files = Files.walk(tmp)) {
            files.filter(Files::isRegularFile).forEach(p -> all.add(p.toString()));
        }
        return all;
    }

    /** 200 MiB in 40 parts of 5 MiB, each streamed from the staged file (see S3PartUpload.Slices); no temporary object left. */
    @Override
    void checkLargeUpload(BlobStore.Staged staged) {
        assertThat(parts).hasSize(40).containsOnly(PART);
        assertThat(stored()).containsExactly("blobs/" + staged.sha256().substring(0, 2) + "/" + staged.sha256());
    }

    @Test
    void keysAreDerivedFromTheSha256UnderThePrefix() throws Exception {
        BlobStore store = store();
        BlobStore.Staged staged = put(store, "keyed".getBytes());
        assertThat(stored()).containsExactly("blobs/" + staged.sha256().substring(0, 2) + "/" + staged.sha256());
        assertThat(parts).as("small blobs are one PUT").isEmpty();
        assertThat(client.headBucket(b -> b.bucket(bucket))).as("the bucket was created").isNotNull();
        assertThat(store.localFile(staged.sha256())).as("no local file").isEmpty();
    }

    @Test
    void aPartFailingAbortsTheMultipartUpload() throws Exception {
        BlobStore store = store();
        onPart = n -> {
            if (n == 3) {
                throw SdkClientException.create("network down");
            }
        };

        assertThatThrownBy(() -> store.stage(generated(22 * MiB), Long.MAX_VALUE)).isInstanceOf(IOException.class)
                .hasMessageContaining("network down");

        assertThat(stored()).isEmpty();
        assertThat(incomplete()).as("the multipart upload is aborted, the staging file deleted").isEmpty();

        onPart = n -> { };
        BlobStore.Staged again = store.stage(generated(12 * MiB), Long.MAX_VALUE);
        store.publish(List.of(again));
        assertThat(store.size(again.sha256())).isEqualTo(12 * MiB);
    }

    /**
     * The server stops mid-upload: the abort cannot reach it either, so the incomplete upload
     * stays until {@link S3BlobStore#abortIncompleteUploads} (at start-up, or a sweep) removes it.
     */
    @Test
    void anUploadCutByTheServerStoppingIsSweptAway() throws Exception {
        BlobStore store = store();
        onPart = n -> {
            if (n == 2) {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try {
            assertThatThrownBy(() -> store.stage(generated(12 * MiB), Long.MAX_VALUE)).isInstanceOf(IOException.class);
        } finally {
            onPart = n -> { };
            server.restart();
        }

        assertThat(this.store.abortIncompleteUploads(Duration.ofDays(1))).as("too young to be swept").isZero();
        assertThat(this.store.abortIncompleteUploads(Duration.ZERO)).isEqualTo(1);
        assertThat(incomplete()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    /** Two nodes on one bucket: the size check after a lease sees the other node's deletion at once. */
    @Test
    void anotherNodesDeletionIsSeenBySizeAtOnce() throws Exception {
        BlobStore store = store();
        S3BlobStore other = new S3BlobStore(client, bucket, "blobs", PART, dir.resolve("other"));
        String sha = put(store, "shared".getBytes()).sha256();
        assertThat(other.exists(sha)).isTrue();

        assertThat(store.delete(sha)).isTrue();

        assertThat(other.size(sha)).isEqualTo(-1);
        assertThat(other.exists(sha)).isFalse();
        assertThat(other.ageMillis(sha)).isEqualTo(-1);
    }

    @Test
    void anExistingObjectIsNotUploadedAgain() throws Exception {
        BlobStore store = store();
        BlobStore.Staged first = store.stage(generated(11 * MiB), Long.MAX_VALUE);
        store.publish(List.of(first));
        S3BlobStore other = new S3BlobStore(recording(client), bucket, "blobs", PART, dir.resolve("other"));

        BlobStore.Staged second = other.stage(generated(11 * MiB), Long.MAX_VALUE);

        assertThat(second.temp()).as("the store holds it already").isNull();
        other.publish(List.of(second));
        assertThat(stored()).as("the parts sent before the hash was known are dropped").hasSize(1);
        assertThat(incomplete()).isEmpty();
    }

    /** A blob staged in the same request as its twin: the second publish finds the first and drops its parts. */
    @Test
    void twoStagesOfOneLargeContentStoreOneObject() throws Exception {
        BlobStore store = store();
        BlobStore.Staged first = store.stage(generated(11 * MiB), Long.MAX_VALUE);
        BlobStore.Staged second = store.stage(generated(11 * MiB), Long.MAX_VALUE);

        store.publish(List.of(first, second));

        assertThat(stored()).containsExactly("blobs/" + first.sha256().substring(0, 2) + "/" + first.sha256());
        assertThat(incomplete()).isEmpty();
    }

    /** With 3 parts in flight at most, all but the last 4 of 40 parts have started before the body's last byte is read. */
    @Test
    void partsAreSentWhileTheBodyArrives() throws Exception {
        BlobStore store = store();
        AtomicInteger sentBeforeTheEnd = new AtomicInteger(-1);
        java.io.InputStream body = new java.io.FilterInputStream(generated(200 * MiB)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0 && sentBeforeTheEnd.get() < 0) {
                    sentBeforeTheEnd.set(parts.size());
                }
                return n;
            }
        };

        BlobStore.Staged staged = store.stage(body, Long.MAX_VALUE);

        assertThat(sentBeforeTheEnd.get()).isGreaterThanOrEqualTo(40 - 1 - S3PartUpload.IN_FLIGHT);
        assertThat(store.exists(staged.sha256())).as("not visible before publish").isFalse();
        assertThat(stored()).isEmpty();
        store.discard(staged);
        assertThat(incomplete()).as("discarding aborts the upload").isEmpty();
    }

    @Test
    void aBodyCutAfterSomePartsAbortsItsUpload() throws Exception {
        BlobStore store = store();
        java.io.InputStream cut = new java.io.FilterInputStream(generated(30 * MiB)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 17 * MiB) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };

        assertThatThrownBy(() -> store.stage(cut, Long.MAX_VALUE)).isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(parts).as("parts were sent before the cut").isNotEmpty();
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    /** Over the single-copy limit (5 GiB on S3, lowered here) the copy to the blob's key goes by UploadPartCopy ranges. */
    @Test
    void aBlobOverTheSingleCopyLimitIsCopiedInParts() throws Exception {
        store();
        store.singleCopyLimit = PART;
        byte[] content = random((int) (17 * MiB + 3), 9);

        BlobStore.Staged staged = put(store, content);

        assertThat(read(store, staged.sha256(), 0, content.length)).isEqualTo(content);
        assertThat(stored()).containsExactly("blobs/" + staged.sha256().substring(0, 2) + "/" + staged.sha256());
        assertThat(incomplete()).isEmpty();
    }

    /** A crash between completing a blob at its temporary key and copying it leaves an object that the sweep deletes. */
    @Test
    void aTemporaryObjectLeftByACrashIsSweptAway() throws Exception {
        store();
        client.putObject(b -> b.bucket(bucket).key("blobs/" + S3PartUpload.INCOMING + "/left-by-a-crash"), RequestBody.fromString("parts"));

        assertThat(store.abortIncompleteUploads(Duration.ofDays(1))).as("too young to be swept").isZero();
        assertThat(store.abortIncompleteUploads(Duration.ZERO)).isEqualTo(1);
        assertThat(stored()).isEmpty();
    }
}
