package io.modellibrary.blob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} does, run against each store by a subclass: a staged blob is
 * invisible until published, then readable whole and by range with its size; the same content
 * is stored once; a discarded or failed stage, and a failed publish, leave neither a stored
 * blob nor anything incomplete (temporary files, multipart uploads); deletion; a 200 MiB blob;
 * the answers for a missing blob.
 */
abstract class BlobStoreContract {

    static final long MiB = 1L << 20;

    @TempDir
    Path dir;

    /** The store under test, fresh and empty for each test. */
    abstract BlobStore store() throws Exception;

    /** Names of everything stored (files, object keys). */
    abstract List<String> stored() throws Exception;

    /** Anything incomplete: temporary files, unfinished multipart uploads. */
    abstract List<String> incomplete() throws Exception;

    /** Checks how the large blob of {@link #aLargeBlobIsStreamedThrough} travelled (S3: its parts). */
    void checkLargeUpload(BlobStore.Staged staged) throws Exception {
    }

    /** Checks what the large body of {@link #aLargeBodyCutAfterSeveralPartsLeavesNothing} sent before its cut. */
    void checkCutUpload() throws Exception {
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DiskBlobStore.sha256().digest(bytes));
    }

    static byte[] read(BlobStore store, String sha, long offset, long length) throws IOException {
        try (InputStream in = store.open(sha, offset, length)) {
            return in.readAllBytes();
        }
    }

    BlobStore.Staged put(BlobStore store, byte[] content) throws IOException {
        BlobStore.Staged staged = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
        store.publish(List.of(staged));
        return staged;
    }

    @Test
    void aPublishedBlobIsVisibleWithItsBytesAndSizeAndNotBefore() throws Exception {
        BlobStore store = store();
        int published = 0;
        for (byte[] content : List.of("hello blob".getBytes(), random(300_000, 1))) {
            BlobStore.Staged staged = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
            assertThat(staged.sha256()).isEqualTo(sha256(content));
            assertThat(staged.size()).isEqualTo(content.length);
            assertThat(store.exists(staged.sha256())).as("staged, not yet published").isFalse();
            assertThat(stored()).hasSize(published);

            store.publish(List.of(staged));
            published++;

            assertThat(store.exists(staged.sha256())).isTrue();
            assertThat(store.size(staged.sha256())).isEqualTo(content.length);
            assertThat(read(store, staged.sha256(), 0, content.length)).isEqualTo(content);
            assertThat(read(store, staged.sha256(), 3, 5)).isEqualTo(Arrays.copyOfRange(content, 3, 8));
            assertThat(read(store, staged.sha256(), content.length - 2, 10)).as("a range past the end is cut")
                    .isEqualTo(Arrays.copyOfRange(content, content.length - 2, content.length));
            assertThat(read(store, staged.sha256(), 0, 0)).isEmpty();
            assertThat(store.ageMillis(staged.sha256())).isBetween(0L, 120_000L);
            assertThat(incomplete()).isEmpty();
        }
        assertThat(stored()).hasSize(2);
    }

    @Test
    void aBatchIsPublishedTogether() throws Exception {
        BlobStore store = store();
        List<BlobStore.Staged> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(store.stage(new ByteArrayInputStream(("file " + i).getBytes()), 100));
        }
        store.publish(batch);
        for (int i = 0; i < 20; i++) {
            byte[] content = ("file " + i).getBytes();
            assertThat(read(store, sha256(content), 0, 100)).isEqualTo(content);
        }
        assertThat(stored()).hasSize(20);
        assertThat(incomplete()).isEmpty();
    }

    /** Small blobs of one batch (the S3 store packs them into one object): ranges, a second batch of the same, deletion one by one. */
    @Test
    void theBlobsOfABatchReadByRangeAreStoredOnceAndGoOneByOne() throws Exception {
        BlobStore store = store();
        List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            contents.add(random(1 + i * 2000, 100 + i));
        }
        for (int round = 0; round < 2; round++) {
            List<BlobStore.Staged> batch = new java.util.ArrayList<>();
            for (byte[] content : contents) {
                batch.add(store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE));
            }
            store.publish(batch);
        }
        assertThat(stored()).hasSize(contents.size());
        for (byte[] content : contents) {
            String sha = sha256(content);
            assertThat(store.size(sha)).isEqualTo(content.length);
            assertThat(read(store, sha, 0, content.length)).isEqualTo(content);
            int from = content.length / 2;
            assertThat(read(store, sha, from, 100)).isEqualTo(Arrays.copyOfRange(content, from, Math.min(content.length, from + 100)));
        }
        for (byte[] content : contents) {
            assertThat(store.delete(sha256(content))).isTrue();
            assertThat(store.exists(sha256(content))).isFalse();
        }
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void theSameContentPublishedTwiceIsStoredOnce() throws Exception {
        BlobStore store = store();
        byte[] content = random(100_000, 2);
        BlobStore.Staged first = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
        BlobStore.Staged second = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
        store.publish(List.of(first));
        store.publish(List.of(second));
        put(store, content);

        assertThat(first.sha256()).isEqualTo(second.sha256());
        assertThat(stored()).hasSize(1);
        assertThat(read(store, first.sha256(), 0, content.length)).isEqualTo(content);
        assertThat(incomplete()).isEmpty();
    }

    /**
     * Large content (several parts on S3) staged twice before either is published, then once
     * more: stored once, read back whole and by a range across a part boundary.
     */
    @Test
    void theSameLargeContentPublishedTwiceIsStoredOnce() throws Exception {
        BlobStore store = store();
        long size = 12 * MiB;
        BlobStore.Staged first = store.stage(generated(size), Long.MAX_VALUE);
        BlobStore.Staged second = store.stage(generated(size), Long.MAX_VALUE);
        store.publish(List.of(first));
        store.publish(List.of(second));
        store.publish(List.of(store.stage(generated(size), Long.MAX_VALUE)));

        assertThat(stored()).hasSize(1);
        assertThat(incomplete()).isEmpty();
        assertThat(store.size(first.sha256())).isEqualTo(size);
        assertThat(sha256Of(store.open(first.sha256(), size))).isEqualTo(first.sha256());
        long from = 10 * MiB - 5;
        InputStream expected = generated(size);
        expected.skipNBytes(from);
        assertThat(read(store, first.sha256(), from, 10)).isEqualTo(expected.readNBytes(10));
    }

    @Test
    void aDiscardedStageLeavesNothing() throws Exception {
        BlobStore store = store();
        for (byte[] content : List.of("small".getBytes(), random(200_000, 3))) {
            BlobStore.Staged staged = store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE);
            store.discard(staged);
            assertThat(store.exists(staged.sha256())).isFalse();
        }
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    @Test
    void aStreamFailingMidWayOrTooLongLeavesNothing() throws Exception {
        BlobStore store = store();
        InputStream failing = new InputStream() {
            long sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 3 * MiB) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.stage(failing, Long.MAX_VALUE)).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(random(500_000, 4)), 400_000))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
    }

    /** A large body cut after several parts' worth arrived (a dropped connection): nothing stored, nothing left incomplete. */
    @Test
    void aLargeBodyCutAfterSeveralPartsLeavesNothing() throws Exception {
        BlobStore store = store();

        assertThatThrownBy(() -> store.stage(cut(generated(30 * MiB), 17 * MiB), Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(stored()).isEmpty();
        assertThat(incomplete()).isEmpty();
        checkCutUpload();
    }

    @Test
    void deleteRemovesABlob() throws Exception {
        BlobStore store = store();
        byte[] content = random(1000, 5);
        String sha = put(store, content).sha256();
        assertThat(store.exists(sha)).isTrue();

        assertThat(store.delete(sha)).isTrue();

        assertThat(store.exists(sha)).isFalse();
        assertThat(store.size(sha)).isEqualTo(-1);
        assertThat(store.delete(sha)).isFalse();
        assertThat(stored()).isEmpty();
        assertThatThrownBy(() -> read(store, sha, 0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aMissingBlobIsAbsent() throws Exception {
        BlobStore store = store();
        String sha = sha256("never stored".getBytes());
        assertThat(store.exists(sha)).isFalse();
        assertThat(store.size(sha)).isEqualTo(-1);
        assertThat(store.ageMillis(sha)).isEqualTo(-1);
        assertThat(store.delete(sha)).isFalse();
        assertThatThrownBy(() -> read(store, sha, 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.exists("not-a-sha")).isInstanceOf(IllegalArgumentException.class);
    }

    /** 200 MiB from a generator (never whole in memory), read back and hashed as a stream. */
    @Test
    void aLargeBlobIsStreamedThrough() throws Exception {
        BlobStore store = store();
        long size = 200 * MiB;
        MessageDigest expected = DiskBlobStore.sha256();
        BlobStore.Staged staged;
        try (InputStream in = new DigestInputStream(generated(size), expected)) {
            staged = store.stage(in, Long.MAX_VALUE);
        }
        store.publish(List.of(staged));

        assertThat(staged.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        assertThat(store.size(staged.sha256())).isEqualTo(size);
        MessageDigest actual = DiskBlobStore.sha256();
        try (InputStream in = new DigestInputStream(store.open(staged.sha256(), 0, size), actual)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(HexFormat.of().formatHex(actual.digest())).isEqualTo(staged.sha256());
        assertThat(read(store, staged.sha256(), 150 * MiB + 1, 4)).hasSize(4);
        assertThat(incomplete()).isEmpty();
        checkLargeUpload(staged);
    }

    /** {@code in}, failing with "connection reset" once more than {@code after} bytes were read. */
    static InputStream cut(InputStream in, long after) {
        return new java.io.FilterInputStream(in) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > after) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    /** {@code in}, running {@code atEnd} each time a read finds its end. */
    static InputStream atItsEnd(InputStream in, Runnable atEnd) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    atEnd.run();
                }
                return n;
            }
        };
    }

    /** Lowercase hex SHA-256 of everything {@code in} holds (read to its end and closed). */
    static String sha256Of(InputStream in) throws IOException {
        MessageDigest sha = DiskBlobStore.sha256();
        try (InputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code size} pseudo-random bytes, 1 MiB of them generated at a time. */
    static InputStream generated(long size) {
        return new InputStream() {
            final SplittableRandom random = new SplittableRandom(42);
            final byte[] chunk = new byte[(int) MiB];
            long sent;
            int at = chunk.length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                if (at == chunk.length) {
                    random.nextBytes(chunk);
                    at = 0;
                }
                int n = (int) Math.min(Math.min(len, chunk.length - at), size - sent);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                sent += n;
                return n;
            }
        };
    }
}
