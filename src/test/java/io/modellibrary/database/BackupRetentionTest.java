package io.modellibrary.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups do not pile up in the data directory: after a backup only the newest
 * {@code modellibrary.backups.keep} zips stay; a backup still being written and other files are left alone.
 */
class BackupRetentionTest {

    @TempDir
    Path dir;

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), name);
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws Exception {
        for (int day = 1; day <= 7; day++) {
            file("mongo-2026120" + day + "T120000.000Z.zip");
        }
        Path writing = file("mongo-20261208T120000.000Z.zip.tmp");
        Path other = file("notes.txt");

        assertThat(EmbeddedDatabaseBackup.prune(dir, 5)).map(p -> p.getFileName().toString())
                .containsExactly("mongo-20261202T120000.000Z.zip", "mongo-20261201T120000.000Z.zip");

        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "mongo-20261203T120000.000Z.zip", "mongo-20261204T120000.000Z.zip", "mongo-20261205T120000.000Z.zip",
                    "mongo-20261206T120000.000Z.zip", "mongo-20261207T120000.000Z.zip",
                    writing.getFileName().toString(), other.getFileName().toString());
        }
    }

    @Test
    void zeroKeepsEveryBackup() throws Exception {
        for (int day = 1; day <= 7; day++) {
            file("mongo-2026120" + day + "T120000.000Z.zip");
        }
        assertThat(EmbeddedDatabaseBackup.prune(dir, 0)).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left).hasSize(7);
        }
    }
}
