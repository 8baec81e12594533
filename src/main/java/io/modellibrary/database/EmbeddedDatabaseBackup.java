package io.modellibrary.database;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.ZipOutputStream;

/**
 * {@code POST /actuator/backup} on the management port (never on the main port:
 * {@code common.ManagementPortOnly}): an online-consistent copy of the embedded database
 * ({@link EmbeddedMongoServer#backup}) written to {@code <data-dir>/backups/mongo-<UTC time>.zip}
 * (folder and file owner-only), answered with the file's path and size once it is whole (it is
 * written under a temporary name and renamed). Present only with the embedded database: with
 * {@code MONGODB_URI}, back up MongoDB with its own tools (README, "Running at scale").
 */
@Component
@Endpoint(id = "backup")
@Conditional(EmbeddedMongoCondition.class)
class EmbeddedDatabaseBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final EmbeddedMongoServer server;
    private final Path folder;
    private final Clock clock;

    EmbeddedDatabaseBackup(EmbeddedMongoServer server, ModelLibraryProperties properties, Clock clock) {
        this.server = server;
        this.folder = properties.dataDir().resolve("backups");
        this.clock = clock;
    }

    /** What a backup wrote: the zip's absolute path and its size in bytes. */
    public record Written(String file, long bytes) {
    }

    /**
     * Writes one backup.
     *
     * @throws IOException when the folder or the file cannot be written (nothing is left under the final name)
     */
    @WriteOperation
    public Written backup() throws IOException {
        Path dir = OwnerOnly.dataDirectory(folder);
        Path target = dir.resolve("mongo-" + STAMP.format(clock.instant()) + ".zip");
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                server.backup(zip);
            }
            OwnerOnly.file(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Written(target.toAbsolutePath().toString(), Files.size(target));
    }
}
