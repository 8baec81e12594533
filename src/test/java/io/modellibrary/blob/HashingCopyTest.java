package io.modellibrary.blob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write path of uploads ({@link HashingCopy}, through {@link DiskBlobStore#stage}): hasher and disk failures mid-copy. */
class HashingCopyTest {

    private static final int SIZE = 9 * HashingCopy.CHUNK + 12345;

    @TempDir
    Path dir;

    private static byte[] content() {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(7).nextBytes(bytes);
        return bytes;
    }

    private static long regularFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** A SHA-256 that fails once it has been given {@code failAfter} bytes. */
    private static MessageDigest failingDigest(long failAfter) {
        MessageDigest real = DiskBlobStore.sha256();
        return new MessageDigest("SHA-256") {
            private long seen;

            @Override
            protected void engineUpdate(byte input) {
                engineUpdate(new byte[]{input}, 0, 1);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int len) {
                seen += len;
                if (seen > failAfter) {
                    throw new IllegalStateException("hasher broke");
                }
                real.update(input, offset, len);
            }

            @Override
            protected byte[] engineDigest() {
                return real.digest();
            }

            @Override
            protected void engineReset() {
                real.reset();
            }
        };
    }

    @Test
    void aLargeCopyHashesAndWritesEveryByteInOrder() throws Exception {
        byte[] content = content();
        DiskBlobStore store = new DiskBlobStore(dir);
        // a stream handing out odd-sized reads, as a socket does
        InputStream in = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 65_537));
            }
        };
        BlobStore.Staged staged = store.stage(in, SIZE);
        store.publish(java.util.List.of(staged));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(staged.sha256()).isEqualTo(expected);
        assertThat(staged.size()).isEqualTo(SIZE);
        assertThat(Files.readAllBytes(store.path(expected))).isEqualTo(content);
        assertThat(regularFiles(dir.resolve("tmp"))).isZero();
    }

    @Test
    void aHasherFailingMidUploadLeavesNoBlobAndNoTemporaryFile() throws IOException {
        DiskBlobStore store = new DiskBlobStore(dir, new HashingCopy(() -> failingDigest(3L * HashingCopy.CHUNK), java.nio.channels.FileChannel::write));

        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content()), SIZE))
                .isInstanceOf(IOException.class).hasRootCauseMessage("hasher broke");

        assertThat(regularFiles(dir)).isZero();
    }

    @Test
    void aDiskFailingMidUploadLeavesNoBlobAndNoTemporaryFile() throws IOException {
        AtomicLong written = new AtomicLong();
        DiskBlobStore store = new DiskBlobStore(dir, new HashingCopy(DiskBlobStore::sha256, (out, bytes) -> {
            if (written.addAndGet(bytes.remaining()) > 5L * HashingCopy.CHUNK) {
                throw new IOException("No space left on device");
            }
            return out.write(bytes);
        }));

        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content()), SIZE))
                .isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(regularFiles(dir)).isZero();
    }

    @Test
    void tooLargeMidUploadLeavesNothing() throws IOException {
        DiskBlobStore store = new DiskBlobStore(dir);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content()), SIZE - 1))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(regularFiles(dir)).isZero();
    }

    @Test
    void theHashingThreadIsNotLeftBehindAfterAFailure() throws Exception {
        DiskBlobStore store = new DiskBlobStore(dir, new HashingCopy(() -> failingDigest(HashingCopy.CHUNK), java.nio.channels.FileChannel::write));
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content()), SIZE)).isInstanceOf(IOException.class);
        }
        long busy = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("blob-hash-") && t.getState() == Thread.State.RUNNABLE).count();
        assertThat(busy).isZero();
        assertThat(regularFiles(dir)).isZero();
    }
}
