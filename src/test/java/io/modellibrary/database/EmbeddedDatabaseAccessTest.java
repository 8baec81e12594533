package io.modellibrary.database;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.common.OwnerOnly;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** Socket folders made under /tmp (outside {@link #parent}), removed after each test. */
    private final List<Path> squatted = new java.util.ArrayList<>();

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

    /**
     * A capitalised directory too: its socket is under /tmp, and the report still names it exactly; a
     * directory with a space has its key file quoted, so that the printed line can be pasted into a shell.
     */
    @ParameterizedTest
    @ValueSource(strings = {"busy", "Busy", "My Models"})
    void aSecondServerOnTheSameDataDirectoryIsToldWhatHoldsItAndWhatToDo(String name) {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions: the socket in the data directory").isTrue();
        Path dataDir = parent.resolve(name);
        try (EmbeddedMongoServer first = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16)) {
            forgetAfterwards(first);
            assertThatThrownBy(() -> new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16))
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class, e -> {
                        // what Spring Boot prints instead of H2's "The file is locked" deep in a stack trace
                        org.springframework.boot.diagnostics.FailureAnalysis report = new DataDirectoryInUseException.Analyzer()
                                .analyze(new IllegalStateException("context failed", e));
                        assertThat(report.getDescription()).contains("locked by another process").contains(dataDir.toAbsolutePath().toString());
                        // the lines to copy, as the first server's own connection string and key file
                        assertThat(report.getAction()).contains("MONGODB_URI=" + first.connectionString("modellibrary") + " ")
                                .contains("JWT_SECRET_FILE=" + (name.contains(" ") ? "'" + dataDir.toAbsolutePath().resolve("jwt-secret") + "'"
                                        : dataDir.toAbsolutePath().resolve("jwt-secret").toString()))
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

    /**
     * The driver cannot reach these paths: its socket goes to a folder of its own under /tmp, 0700 and
     * ours, the same on the next start (so a joined server finds the host again after a restart), and
     * the folder stays while the server is stopped, holding no socket.
     */
    @ParameterizedTest
    @ValueSource(strings = {"My Models", "models:v1"})
    void aDataDirectoryTheDriverCannotReachGetsTheSameOwnerOnlySocketFolderOnEveryStart(String name) throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Path dataDir = parent.resolve(name);
        String uri;
        Path socket;
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient client = MongoClients.create(server.connectionString("modellibrary"))) {
            socket = forgetAfterwards(server);
            uri = server.connectionString("modellibrary");
            client.getDatabase("modellibrary").getCollection("users").insertOne(new Document("_id", "bob"));
            assertThat(socket.getParent().getFileName().toString()).startsWith(EmbeddedMongoServer.FOLDER_PREFIX);
            assertThat(socket.getParent().getParent()).isEqualTo(Path.of("/tmp"));
            assertThat(permissions(socket.getParent())).isEqualTo("rwx------");
            assertThat(Files.getOwner(socket.getParent(), LinkOption.NOFOLLOW_LINKS)).isEqualTo(Files.getOwner(parent));
            assertThat(permissions(socket)).isEqualTo("rw-------");
        }
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).isDirectory();
        try (EmbeddedMongoServer again = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16);
             MongoClient client = MongoClients.create(again.connectionString("modellibrary"))) {
            assertThat(again.connectionString("modellibrary")).isEqualTo(uri);
            assertThat(client.getDatabase("modellibrary").getCollection("users").countDocuments()).isEqualTo(1);
        }
        // another data directory gets another folder
        try (EmbeddedMongoServer other = new EmbeddedMongoServer(parent.resolve(name + " 2").resolve("mongo.mv"), 16)) {
            assertThat(forgetAfterwards(other).getParent()).isNotEqualTo(socket.getParent());
        }
    }

    /**
     * Under the shared /tmp another local user can make the predictable folder first; the server then
     * refuses to start, saying which path and what to do, and touches nothing there.
     */
    @Test
    void aSocketFolderSomeoneElseHoldsIsRefusedAndNamed() throws Exception {
        assumeThat(OwnerOnly.POSIX).as("POSIX permissions").isTrue();
        Path dataDir = Files.createDirectories(parent.resolve("Squatted"));
        Path folder = EmbeddedMongoServer.socketPath(dataDir).getParent();
        squatted.add(folder);
        Path theirs = Files.createDirectories(parent.resolve("theirs"));

        Files.createSymbolicLink(folder, theirs);
        assertRefused(dataDir, folder, "is a symbolic link");
        assertThat(theirs).isEmptyDirectory();
        Files.delete(folder);

        Files.writeString(folder, "x");
        assertRefused(dataDir, folder, "is not a folder");
        Files.delete(folder);

        // a folder of ours that others may enter (made by hand) is narrowed and used
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16)) {
            assertThat(forgetAfterwards(server).getParent()).isEqualTo(folder);
            assertThat(permissions(folder)).isEqualTo("rwx------");
        }
        Files.delete(folder);

        Files.createDirectory(folder);
        try {
            Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        } catch (IOException | UnsupportedOperationException notRoot) {
            Files.delete(folder);
            return; // only root can give a folder away; the cases above cover an ordinary user's run
        }
        assertRefused(dataDir, folder, "belongs to nobody");
        Files.delete(folder);
    }

    private static void assertRefused(Path dataDir, Path folder, String what) {
        assertThatThrownBy(() -> new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 16))
                .isInstanceOfSatisfying(SocketFolderTakenException.class, e -> {
                    assertThat(e.folder()).isEqualTo(folder);
                    org.springframework.boot.diagnostics.FailureAnalysis report = new SocketFolderTakenException.Analyzer()
                            .analyze(new IllegalStateException("context failed", e));
                    assertThat(report.getDescription()).contains(folder.toString()).contains(what);
                    assertThat(report.getAction()).contains("Remove " + folder).contains("--modellibrary.data-dir")
                            .contains("MONGODB_URI");
                });
        // nothing was left open: the database file can be opened again at once
        org.h2.mvstore.MVStore store = EmbeddedMongoServer.openUnlocked(dataDir.resolve("mongo.mv"), 16, java.time.Duration.ZERO);
        store.close();
    }

    /**
     * What {@code EmbeddedMongoServer.reachable} rests on, checked on the driver itself (5.6): it lower-cases a
     * socket path, and takes a single ':' for a port.
     */
    @Test
    void theDriverLowerCasesASocketPathAndReadsOneColonAsAPort() {
        assertThat(new com.mongodb.ConnectionString("mongodb://%2Ftmp%2FData%2Fmongo.sock/modellibrary").getHosts())
                .containsExactly("/tmp/Data/mongo.sock");
        assertThat(new com.mongodb.UnixServerAddress("/tmp/Data/mongo.sock").getHost()).isEqualTo("/tmp/data/mongo.sock");
        assertThatThrownBy(() -> new com.mongodb.UnixServerAddress("/tmp/models:v1/mongo.sock"))
                .hasMessageContaining("host and port");
        String odd = "/tmp/a b+c,d@e%f?g/mongo.sock";
        String host = new com.mongodb.ConnectionString("mongodb://" + java.net.URLEncoder.encode(odd, StandardCharsets.UTF_8)
                + "/modellibrary").getHosts().get(0);
        assertThat(new com.mongodb.UnixServerAddress(host).getHost()).isEqualTo(odd);

        assertThat(EmbeddedMongoServer.reachable(Path.of(odd))).isTrue();
        assertThat(EmbeddedMongoServer.reachable(Path.of("/tmp/Data/mongo.sock"))).isFalse();
        assertThat(EmbeddedMongoServer.reachable(Path.of("/tmp/models:v1/mongo.sock"))).isFalse();
        assertThat(EmbeddedMongoServer.reachable(Path.of("/tmp/mod\u00e8les/mongo.sock"))).isFalse();
        assertThat(EmbeddedMongoServer.reachable(Path.of("/" + "a".repeat(EmbeddedMongoServer.MAX_DATA_DIRECTORY_CHARS - 1), "mongo.sock")))
                .isTrue();
        assertThat(EmbeddedMongoServer.reachable(Path.of("/" + "a".repeat(EmbeddedMongoServer.MAX_DATA_DIRECTORY_CHARS), "mongo.sock")))
                .isFalse();
    }

    /** The server's socket; its folder under /tmp, if any, is removed after the test. */
    private Path forgetAfterwards(EmbeddedMongoServer server) {
        Path socket = Path.of(java.net.URLDecoder.decode(server.connectionString("modellibrary")
                .replaceFirst("^mongodb://", "").replaceFirst("/modellibrary$", ""), StandardCharsets.UTF_8));
        if (socket.getParent().getFileName().toString().startsWith(EmbeddedMongoServer.FOLDER_PREFIX)) {
            squatted.add(socket.getParent());
        }
        return socket;
    }

    @AfterEach
    void removeSocketFolders() throws IOException {
        for (Path folder : squatted) {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> inside = Files.list(folder)) {
                    for (Path p : inside.toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.deleteIfExists(folder);
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
