package io.modellibrary.database;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) persisted in one H2
 * MVStore file. The application reaches it through the official driver like any MongoDB.
 */
final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    /**
     * Unsaved changes (KB) that make the MVStore write at once rather than within its second;
     * H2's 1 MB default made a 10,000-blob reference batch rewrite the (random-keyed)
     * {@code _id} index pages many times over (bench/scale.sh).
     */
    private static final int AUTO_COMMIT_BUFFER_KB = 32 * 1024;

    /**
     * Chunks are rewritten to reclaim space only below this fill rate (H2's default 90%
     * kept its background writer rewriting chunks for most of a large upload: bench/scale.sh).
     * The file may hold up to about twice its live data.
     */
    private static final int AUTO_COMPACT_FILL_PERCENT = 50;

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    /**
     * Opens (or creates) the database file.
     *
     * @param file            the MVStore file, e.g. {@code <data-dir>/mongo.mv}
     * @param cacheMegabytes  the MVStore page cache in MB (H2's own default is 16 MB)
     */
    EmbeddedMongoServer(Path file, int cacheMegabytes) {
        createParent(file);
        this.backend = new H2Backend(new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMegabytes)
                .autoCommitBufferSize(AUTO_COMMIT_BUFFER_KB).autoCompactFillRate(AUTO_COMPACT_FILL_PERCENT).open());
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
        log.info("Database: embedded MongoDB wire-protocol server on {}:{}, persisted in {}"
                + " (set MONGODB_URI to use a real MongoDB)", address.getHostString(), address.getPort(), file.toAbsolutePath());
    }

    String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
        log.info("Embedded database stopped");
    }

    private static void createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + file.getParent(), e);
        }
    }
}
