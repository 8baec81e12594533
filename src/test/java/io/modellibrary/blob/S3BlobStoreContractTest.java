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
import java.io.InputStream;
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
 * fresh bucket per test, 5 MiB parts; and what only the S3 store does: multipart uploads of
 * streamed parts, aborted when a part fails or the server goes away, keys under the prefix;
 * content of an announced hash (Git LFS) sent while it arrives, aborted when the body is cut,
 * the content is not what was announced or is stored already.
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
        return recording(delegate, parts, n -> onPart.accept(n));
    }

    /**
     * {@code delegate}, but adding each part's content length to {@code parts} and then running
     * {@code onPart} with the count of parts so far, before sending it; its {@code close} does nothing.
     */
    static S3Client recording(S3Client delegate, List<Long> parts, IntConsumer onPart) {
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
        return incomplete(client, bucket, dir.resolve("staging"));
    }

    /** The multipart uploads in progress in {@code bucket} and the temporary files under {@code staging}. */
    static List<String> incomplete(S3Client client, String bucket, Path staging) throws IOException {
        List<String> all = new ArrayList<>(client.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().stream()
                .map(MultipartUpload::key).toList());
        try (Stream<Path> files = Files.walk(staging.resolve("tmp"))) {
            files.filter(Files::isRegularFile).forEach(p -> all.add(p.toString()));
        }
        return all;
    }

    /** 200 MiB in 40 parts of 5 MiB, each streamed from the staged file (see S3PartUpload.Slices). */
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
        BlobStore.Staged staged = store.stage(generated(12 * MiB), Long.MAX_VALUE);

        assertThatThrownBy(() -> store.publish(List.of(staged))).isInstanceOf(IOException.class).hasMessageContaining("network down");

        assertThat(store.exists(staged.sha256())).isFalse();
        assertThat(stored()).isEmpty();
        assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        store.discard(staged);
        assertThat(incomplete()).isEmpty();

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
        BlobStore.Staged staged = store.stage(generated(12 * MiB), Long.MAX_VALUE);
        try {
            assertThatThrownBy(() -> store.publish(List.of(staged))).isInstanceOf(IOException.class);
        } finally {
            onPart = n -> { };
            server.restart();
        }
        store.discard(staged);

        assertThat(this.store.abortIncompleteUploads(Duration.ofDays(1))).as("too young to be swept").isZero();
        assertThat(this.store.abortIncompleteUploads(Duration.ZERO)).isEqualTo(1);
        assertThat(incomplete()).isEmpty();
        assertThat(stored()).isEmpty();
        assertThat(store.exists(staged.sha256())).isFalse();
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
        int sent = parts.size();
        S3BlobStore other = new S3BlobStore(recording(client), bucket, "blobs", PART, dir.resolve("other"));
        BlobStore.Staged second = other.stage(generated(11 * MiB), Long.MAX_VALUE);
        other.publish(List.of(second));
        assertThat(parts).hasSize(sent);
        assertThat(stored()).hasSize(1);
    }

    /** 200 MiB of an announced hash, 3 parts in flight at most: all but the last 4 of 40 parts have started before the body's last byte is read. */
    @Test
    void contentOfAnAnnouncedHashIsSentWhileItArrives() throws Exception {
        BlobStore store = store();
        String sha = sha256Of(generated(200 * MiB));
        AtomicInteger sentBeforeTheEnd = new AtomicInteger(-1);
        InputStream body = atItsEnd(generated(200 * MiB), () -> sentBeforeTheEnd.compareAndSet(-1, parts.size()));

        BlobStore.Staged staged = store.stage(body, Long.MAX_VALUE, sha);

        assertThat(sentBeforeTheEnd.get()).isGreaterThanOrEqualTo(40 - 1 - S3PartUpload.IN_FLIGHT);
        assertThat(store.exists(sha)).as("not visible before publish").isFalse();
        assertThat(stored()).isEmpty();
        store.publish(List.of(staged));
        assertThat(parts).hasSize(40);
        assertThat(store.size(sha)).isEqualTo(200 * MiB);
        assertThat(sha256Of(store.open(sha, 200 * MiB))).isEqualTo(sha);
        assertThat(stored()).containsExactly("blobs/" + sha.substring(0, 2) + "/" + sha);
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void contentNotAsAnnouncedLeavesNothing() throws Exception {
        BlobStore store = store();
        String announced = sha256("something else".getBytes());

        BlobStore.Staged staged = store.stage(generated(12 * MiB), Long.MAX_VALUE, announced);

        assertThat(staged.sha256()).isNotEqualTo(announced);
        assertThat(parts).as("sent while it arrived").isNotEmpty();
        store.discard(staged);
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void aDiscardedAnnouncedUploadIsAborted() throws Exception {
        BlobStore store = store();
        String sha = sha256Of(generated(12 * MiB));

        store.discard(store.stage(generated(12 * MiB), Long.MAX_VALUE, sha));

        assertThat(store.exists(sha)).isFalse();
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void anAnnouncedUploadCutAfterSomePartsIsAborted() throws Exception {
        BlobStore store = store();
        InputStream cut = cut(generated(30 * MiB), 17 * MiB);

        assertThatThrownBy(() -> store.stage(cut, Long.MAX_VALUE, sha256Of(generated(30 * MiB))))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(parts).as("parts were sent before the cut").isNotEmpty();
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    /** Stored already when the announced content has arrived: the parts sent meanwhile are dropped, the object stays one. */
    @Test
    void announcedContentStoredAlreadyIsNotStoredTwice() throws Exception {
        BlobStore store = store();
        BlobStore.Staged first = store.stage(generated(11 * MiB), Long.MAX_VALUE);
        store.publish(List.of(first));

        BlobStore.Staged second = store.stage(generated(11 * MiB), Long.MAX_VALUE, first.sha256());

        assertThat(second.temp()).as("the store holds it already").isNull();
        store.publish(List.of(second));
        assertThat(stored()).hasSize(1);
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void aPartOfAnAnnouncedUploadFailingAbortsIt() throws Exception {
        BlobStore store = store();
        onPart = n -> {
            if (n == 3) {
                throw SdkClientException.create("network down");
            }
        };

        assertThatThrownBy(() -> store.stage(generated(22 * MiB), Long.MAX_VALUE, sha256Of(generated(22 * MiB))))
                .isInstanceOf(IOException.class).hasMessageContaining("network down");

        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }
}
