package io.modellibrary.database;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.common.OwnerOnly;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.net.StandardProtocolFamily.UNIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The embedded database is reachable by the server's own user only: no TCP port, a Unix
 * socket in a 0700 data directory, every file 0600; a second process of the same user
 * (a second node on this machine) joins through the socket.
 */
class EmbeddedDatabaseAccessTest {

    @TempDir
    Path parent;

    @Test
    void dataDirectoryIsOwnerOnlyAndEveryFileInItIsToo() throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Path dataDir = parent.resolve("data");
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            client.getDatabase("modellibrary").getCollection("users").insertOne(new Document("_id", "alice"));
            BlobStore blobs = new DiskBlobStore(dataDir.resolve("blobs"));
            blobs.publish(List.of(blobs.stage(new ByteArrayInputStream("weights".repeat(2000).getBytes(StandardCharsets.UTF_8)), 1 << 20),
                    blobs.stage(new ByteArrayInputStream("tiny".getBytes(StandardCharsets.UTF_8)), 1 << 20)));

            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            try (Stream<Path> all = Files.walk(dataDir)) {
                List<Path> files = all.filter(p -> !Files.isDirectory(p)).toList();
                assertThat(files).hasSizeGreaterThanOrEqualTo(4); // mongo.mv, mongo.sock, two blobs
                assertThat(files).allSatisfy(file -> assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsToldWhatHoldsItAndWhatToDo() {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions: the socket in the data directory").isTrue();
        Path dataDir = parent.resolve("busy");
        try (EmbeddedMongoServer first = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16)) {
            assertThatThrownBy(() -> new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16))
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class, e -> {
                        // what Spring Boot prints instead of H2's "The file is locked" deep in a stack trace
                        org.springframework.boot.diagnostics.FailureAnalysis report = new DataDirectoryInUseException.Analyzer()
                                .analyze(new IllegalStateException("context failed", e));
                        assertThat(report.getDescription()).contains("locked by another process").contains(dataDir.toAbsolutePath().toString());
                        // the lines to copy, as the first server's own connection string and key file
                        assertThat(report.getAction()).contains("MONGODB_URI=" + first.connectionString("modellibrary"))
                                .contains("JWT_SECRET_FILE=" + dataDir.toAbsolutePath().resolve("jwt-secret"))
                                .contains("--modellibrary.data-dir");
                    });
        }
    }

    @Test
    void listensOnASocketInTheDataDirectoryAndOnNoTcpPort() throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Set<String> before = listeningTcpPorts();
        Path dataDir = parent.resolve("data");
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16)) {
            assertThat(server.connectionString("modellibrary"))
                    .isEqualTo("mongodb://" + java.net.URLEncoder.encode(dataDir.resolve("mongo.sock").toAbsolutePath().toString(),
                            StandardCharsets.UTF_8) + "/modellibrary");
            assertThat(listeningTcpPorts()).isEqualTo(before);
        }
        assertThat(dataDir.resolve("mongo.sock")).doesNotExist();
    }

    @Test
    void aSecondClientOfTheSameUserJoinsThroughTheSocketAndSeesTheSameData() {
        Path dataDir = parent.resolve("data");
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient first = MongoClients.create(server.connectionString("modellibrary"));
             MongoClient second = MongoClients.create(server.connectionString("modellibrary"))) {
            first.getDatabase("modellibrary").getCollection("repos").insertOne(new Document("_id", "alice/tiny"));
            assertThat(second.getDatabase("modellibrary").getCollection("repos").countDocuments(new Document("_id", "alice/tiny")))
                    .isEqualTo(1);
        }
    }

    @Test
    void aDataDirectoryWithCapitalLettersStillWorks() throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Path dataDir = parent.resolve("My Models");
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            client.getDatabase("modellibrary").getCollection("users").insertOne(new Document("_id", "bob"));
            assertThat(client.getDatabase("modellibrary").getCollection("users").countDocuments()).isEqualTo(1);
            String socket = java.net.URLDecoder.decode(server.connectionString("modellibrary")
                    .replaceFirst("^mongodb://", "").replaceFirst("/modellibrary$", ""), StandardCharsets.UTF_8);
            assertThat(permissions(Path.of(socket).getParent())).isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingOpenDataDirectoryIsNarrowedAndAStaleSocketReplaced() throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Path dataDir = Files.createDirectories(parent.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dataDir.resolve("placeholder"), "x");
        try (ServerSocketChannel killed = ServerSocketChannel.open(UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(dataDir.resolve("mongo.sock")));
        } // closed without removing its file, as a killed server leaves it
        assertThat(dataDir.resolve("mongo.sock")).exists();

        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(client.getDatabase("modellibrary").getCollection("users").countDocuments()).isZero();
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Local ports in LISTEN state (0A) from Linux's /proc/net/tcp and tcp6; empty elsewhere. */
    private static Set<String> listeningTcpPorts() throws IOException {
        Set<String> ports = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.isReadable(file)) {
                try (Stream<String> lines = Files.lines(file)) {
                    ports.addAll(lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                            .filter(f -> f.length > 3 && f[3].equals("0A")).map(f -> f[1]).collect(Collectors.toSet()));
                }
            }
        }
        return ports;
    }
}
