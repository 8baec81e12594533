package io.modellibrary.database;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, item 5: a database file that copy-on-write commits left mostly dead (as the
 * collector's recording of 30,000 random blob keys did) is rewritten to its live data at
 * start-up, with every value kept; a dense or small file is left alone.
 */
class EmbeddedCompactionTest {

    @TempDir
    Path dir;

    @Test
    void aMostlyDeadFileIsCompactedAtStartUpKeepingEveryValue() throws Exception {
        Path file = dir.resolve("mongo.mv");
        int keys = 20_000;
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCompactFillRate(0).open()) {
            MVMap<String, String> map = store.openMap("blobs");
            for (int round = 0; round < 12; round++) {
                for (int i = 0; i < keys; i++) {
                    map.put(Integer.toHexString(i * 7919) + "-key", "round " + round + " " + "x".repeat(400));
                }
                store.commit();
            }
        }
        long before = Files.size(file);
        assertThat(before).isGreaterThan(EmbeddedMongoServer.COMPACT_ABOVE_BYTES);

        assertThat(EmbeddedMongoServer.compactIfSparse(file)).isTrue();

        assertThat(Files.size(file)).isLessThan(before / 3);
        assertThat(dir.resolve("mongo.mv.tempFile")).doesNotExist();
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, String> map = store.openMap("blobs");
            assertThat(map.size()).isEqualTo(keys);
            assertThat(map.get(Integer.toHexString(5 * 7919) + "-key")).startsWith("round 11 ");
        }
        assertThat(EmbeddedMongoServer.compactIfSparse(file)).as("dense now").isFalse();
    }

    @Test
    void aMissingOrSmallFileIsLeftAlone() throws Exception {
        assertThat(EmbeddedMongoServer.compactIfSparse(dir.resolve("none.mv"))).isFalse();
        Path small = dir.resolve("small.mv");
        try (MVStore store = new MVStore.Builder().fileName(small.toString()).open()) {
            store.openMap("m").put("a", "b");
        }
        assertThat(EmbeddedMongoServer.compactIfSparse(small)).isFalse();
    }
}
