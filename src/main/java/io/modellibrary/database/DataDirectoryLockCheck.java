package io.modellibrary.database;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Refuses a start on a data directory whose embedded database another process holds, before the
 * application context builds a single bean: a second {@code java -jar} on the same data directory
 * failed only once the embedded database's bean opened the file, about 25 s into the start, after a
 * WARN that the locked file could not be measured. Now it fails within the first second with the
 * same report ({@link DataDirectoryInUseException.Analyzer}: what holds the directory, and the lines
 * to join that server's database instead).
 *
 * <p>A listener of {@link ApplicationEnvironmentPreparedEvent} (registered in {@code META-INF/spring.factories}),
 * run after every {@code EnvironmentPostProcessor} (configuration files, the tests' data directories), so that
 * {@code MONGODB_URI} and {@code modellibrary.data-dir} are known, and before logging is set up ({@link #ORDER}):
 * the report is then printed in logback's plain pattern, its words the same. With the embedded database
 * ({@link EmbeddedMongoCondition}) and an existing {@code <data-dir>/mongo.mv}, it tries for the file's
 * lock as H2 takes it ({@link FileChannel#tryLock()}), and lets it go at once. A file this JVM has open
 * ({@link EmbeddedMongoServer#OPEN_HERE}) is not probed, nor is one it cannot open (the database's own
 * start says what is wrong then).
 */
public class DataDirectoryLockCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /**
     * After Spring Boot's {@code EnvironmentPostProcessorApplicationListener} ({@code HIGHEST_PRECEDENCE + 10}),
     * before its logging listener ({@code + 20}) and the background pre-initializer ({@code + 21}), on whose
     * work a failed start waits: on a loaded machine (load 9-12 on 2 cores), the report came 9.4-11.6 s after
     * {@code java -jar} when run after them, 1.8-4.1 s before them, as soon as a start that fails on a missing
     * configuration file (1.4-3.5 s).
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** @throws DataDirectoryInUseException when another process holds the embedded database's file */
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!EmbeddedMongoCondition.embedded(environment)) {
            return;
        }
        Path dataDir = Binder.get(environment).bind("modellibrary.data-dir", Path.class).orElse(Path.of("./data"));
        check(dataDir.resolve("mongo.mv"));
    }

    /**
     * Refuses {@code file} when another process holds its lock.
     *
     * @param file the embedded database's file, {@code <data-dir>/mongo.mv}
     * @throws DataDirectoryInUseException when another process holds it
     */
    static void check(Path file) {
        if (!Files.isRegularFile(file) || EmbeddedMongoServer.OPEN_HERE.contains(key(file))) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUseException(file, null);
            }
            lock.release();
        } catch (OverlappingFileLockException | IOException e) {
            // held in this JVM by something other than the embedded database, or not writable: the start goes on
            // and the database's own open says what is wrong
        }
    }

    /** The name a database file is known by in {@link EmbeddedMongoServer#OPEN_HERE}: absolute and normalised. */
    static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
