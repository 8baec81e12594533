package io.modellibrary.blob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskBlobStoreTest {

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
    void anUploadThatWouldLeaveLessThanMinFreeFailsAsAFullDiskLeavingNoTemporaryFile() throws Exception {
        Path data = dir.resolve("data");
        StorageProperties keepAll = new StorageProperties(java.time.Duration.ofHours(1), java.time.Duration.ofHours(1),
                java.time.Duration.ofMinutes(10), 1000, 64L << 20, java.time.Duration.ofHours(24),
                org.springframework.util.unit.DataSize.ofTerabytes(1_000_000));
        DiskBlobStore store = new DiskBlobStore(new io.modellibrary.common.ModelLibraryProperties(data, false, 1, false), keepAll);
        for (byte[] content : List.of("small".getBytes(StandardCharsets.UTF_8), new byte[DiskBlobStore.SMALL * 3])) {
            assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content), Long.MAX_VALUE))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("No space left on device")
                    .hasMessageContaining("modellibrary.storage.min-free")
                    .satisfies(e -> assertThat(io.modellibrary.common.StorageFull.causedBy(e)).isTrue());
        }
        assertThat(regularFiles(data.resolve("blobs"))).isZero();
    }

    @Test
    void storesContentOnceUnderItsSha256AndLeavesNoTemporaryFile() throws Exception {
        DiskBlobStore store = new DiskBlobStore(dir);
        byte[] content = "hello blob".getBytes(StandardCharsets.UTF_8);
        BlobStore.Staged first = store.stage(new ByteArrayInputStream(content), 100);
        BlobStore.Staged second = store.stage(new ByteArrayInputStream(content), 100);
        assertThat(store.exists(first.sha256())).as("staged is not yet visible").isFalse();
        store.publish(List.of(first));
        store.publish(List.of(second));

        assertThat(first.sha256()).isEqualTo(sha256(content)).isEqualTo(second.sha256());
        Path path = store.path(first.sha256());
        assertThat(dir.relativize(path).toString()).isEqualTo(first.sha256().substring(0, 2) + "/" + first.sha256());
        assertThat(Files.readAllBytes(path)).isEqualTo(content);
        assertThat(regularFiles(dir)).isEqualTo(1);
    }

    @Test
    void aBatchOfManySmallBlobsIsPublishedTogether() throws Exception {
        DiskBlobStore store = new DiskBlobStore(dir);
        List<BlobStore.Staged> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(store.stage(new ByteArrayInputStream(("file " + i).getBytes(StandardCharsets.UTF_8)), 100));
        }
        store.publish(batch);
        for (int i = 0; i < 50; i++) {
            byte[] content = ("file " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(Files.readAllBytes(store.path(sha256(content)))).isEqualTo(content);
        }
        assertThat(regularFiles(dir.resolve("tmp"))).isZero();
    }

    @Test
    void blobsOfTheOlderTwoLevelLayoutAreMovedOnStart() throws Exception {
        byte[] content = "old layout".getBytes(StandardCharsets.UTF_8);
        String sha = sha256(content);
        Path old = dir.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        Files.createDirectories(old.getParent());
        Files.write(old, content);

        DiskBlobStore store = new DiskBlobStore(dir);

        assertThat(Files.readAllBytes(store.path(sha))).isEqualTo(content);
        assertThat(Files.exists(old.getParent())).isFalse();
    }

    @Test
    void refusesContentOverTheLimitAndKeepsNothing() throws IOException {
        DiskBlobStore store = new DiskBlobStore(dir);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(regularFiles(dir)).isZero();
    }

    @Test
    void removesTemporaryFilesOfDeadUploadsOnStart() throws IOException {
        new DiskBlobStore(dir);
        Files.write(dir.resolve("tmp").resolve("upload-123.part"), new byte[1000]);
        new DiskBlobStore(dir);
        assertThat(regularFiles(dir.resolve("tmp"))).isZero();
    }
}
