package io.modellibrary.database;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

/**
 * {@code POST /actuator/backup} on the management port (never on the main port:
 * {@code common.ManagementPortOnly}): an online-consistent copy of the embedded database
 * ({@link EmbeddedMongoServer#backup}) written to {@code <data-dir>/backups/mongo-<UTC time>.zip}
 * (folder and file owner-only), answered with the file's path and size once it is whole (it is
 * written under a temporary name and renamed). After each backup only the newest
 * {@code modellibrary.backups.keep} zips are kept (default 5; 0 keeps all), so that they do not pile
 * up in the data directory an operator may copy whole. {@code GET /actuator/backup} lists the zips
 * there, newest first. Present only with the embedded database: with {@code MONGODB_URI}, back up
 * MongoDB with its own tools (README, "Running at scale").
 */
@Component
@Endpoint(id = "backup")
@Conditional(EmbeddedMongoCondition.class)
class EmbeddedDatabaseBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String PREFIX = "mongo-";
    private static final String SUFFIX = ".zip";

    private final EmbeddedMongoServer server;
    private final Path folder;
    private final Clock clock;
    private final int keep;

    /** @throws IllegalArgumentException when {@code keep} is negative */
    EmbeddedDatabaseBackup(EmbeddedMongoServer server, ModelLibraryProperties properties, Clock clock,
                           @Value("${modellibrary.backups.keep:5}") int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("modellibrary.backups.keep (MODELLIBRARY_BACKUPS_KEEP) must be 0 (keep all) or more, not " + keep);
        }
        this.server = server;
        this.folder = properties.dataDir().resolve("backups");
        this.clock = clock;
        this.keep = keep;
    }

    /** What a backup wrote: the zip's absolute path and its size in bytes. */
    public record Written(String file, long bytes) {
    }

    /** The backups kept: each zip, newest first, and how many are kept (0: all). */
    public record Kept(List<Written> backups, int keep) {
    }

    /**
     * Lists the backups in {@code <data-dir>/backups}.
     *
     * @throws IOException when the folder cannot be read
     */
    @ReadOperation
    public Kept list() throws IOException {
        List<Written> all = new ArrayList<>();
        for (Path zip : newestFirst(folder)) {
            all.add(new Written(zip.toAbsolutePath().toString(), Files.size(zip)));
        }
        return new Kept(all, keep);
    }

    /**
     * Writes one backup.
     *
     * @throws IOException when the folder or the file cannot be written (nothing is left under the final name)
     */
    @WriteOperation
    public Written backup() throws IOException {
        Path dir = OwnerOnly.dataDirectory(folder);
        Path target = dir.resolve(PREFIX + STAMP.format(clock.instant()) + SUFFIX);
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
        Written written = new Written(target.toAbsolutePath().toString(), Files.size(target));
        prune(dir, keep);
        return written;
    }

    /**
     * Deletes all but the newest {@code keep} backup zips of {@code dir} (none when {@code keep} is 0);
     * a backup still being written ({@code .tmp}) and other files are left alone.
     *
     * @return the zips deleted
     * @throws IOException when the folder cannot be read or a zip cannot be deleted
     */
    static List<Path> prune(Path dir, int keep) throws IOException {
        List<Path> zips = newestFirst(dir);
        if (keep == 0 || zips.size() <= keep) {
            return List.of();
        }
        List<Path> old = zips.subList(keep, zips.size());
        for (Path zip : old) {
            Files.deleteIfExists(zip);
        }
        return List.copyOf(old);
    }

    /** The backup zips of {@code dir}, newest first (their names hold the UTC time, which sorts as text). */
    private static List<Path> newestFirst(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(f);
            }).sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        }
    }
}
