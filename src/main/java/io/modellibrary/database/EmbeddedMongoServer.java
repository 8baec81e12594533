package io.modellibrary.database;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    EmbeddedMongoServer(Path file) {
        createParent(file);
        this.backend = new H2Backend(file.toString());
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
