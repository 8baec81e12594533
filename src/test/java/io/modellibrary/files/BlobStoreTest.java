package io.modellibrary.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobStoreTest {

    @TempDir
    Path dir;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long regularFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void storesContentOnceUnderItsSha256AndLeavesNoTemporaryFile() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] content = "hello blob".getBytes(StandardCharsets.UTF_8);
        BlobStore.StoredBlob first = store.store(new ByteArrayInputStream(content), 100, store.lease());
        BlobStore.StoredBlob second = store.store(new ByteArrayInputStream(content), 100, store.lease());

        assertThat(first.sha256()).isEqualTo(sha256(content)).isEqualTo(second.sha256());
        Path path = store.path(first.sha256());
        assertThat(dir.relativize(path).toString()).isEqualTo(first.sha256().substring(0, 2) + "/"
                + first.sha256().substring(2, 4) + "/" + first.sha256());
        assertThat(Files.readAllBytes(path)).isEqualTo(content);
        assertThat(regularFiles(dir)).isEqualTo(1);
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws IOException {
        BlobStore store = new BlobStore(dir);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[101]), 100, store.lease()))
                .isInstanceOf(TooLargeException.class);
        assertThat(regularFiles(dir)).isZero();
    }

    @Test
    void removesTemporaryFilesOfDeadUploadsOnStart() throws IOException {
        new BlobStore(dir);
        Files.write(dir.resolve("tmp").resolve("upload-123.part"), new byte[1000]);
        new BlobStore(dir);
        assertThat(regularFiles(dir.resolve("tmp"))).isZero();
    }

    @Test
    void neverDeletesALeasedOrReferencedBlob() throws IOException {
        BlobStore store = new BlobStore(dir);
        BlobStore.Lease lease = store.lease();
        String sha = store.store(new ByteArrayInputStream(new byte[] {1, 2, 3}), 100, lease).sha256();

        assertThat(store.deleteIfUnused(sha, s -> false)).isFalse();
        lease.close();
        assertThat(store.deleteIfUnused(sha, s -> true)).isFalse();
        assertThat(store.exists(sha)).isTrue();
        assertThat(store.deleteIfUnused(sha, s -> false)).isTrue();
        assertThat(store.exists(sha)).isFalse();
    }
}
