package io.modellibrary.database;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.modellibrary.common.OwnerOnly;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) persisted in one H2
 * MVStore file. The application reaches it through the official driver like any MongoDB.
 *
 * <p>It listens on a Unix domain socket, {@code <data-dir>/mongo.sock}, never on a TCP
 * port: mongo-java-server has no authentication, and a loopback port would let every local
 * user read the password hashes and every private repository. The socket lives in the
 * 0700 data directory and is itself 0600, so only processes of the server's own user can
 * connect (connecting to a Unix socket needs write permission on it and search permission
 * on its folder, Linux {@code unix(7)}). A second node on the same machine joins with
 * {@code MONGODB_URI=mongodb://<percent-encoded socket path>/modellibrary} (the driver
 * reaches such a path through jnr-unixsocket; it must end in {@code .sock}). Where the
 * driver could not reach that path ({@link #reachable}) the socket goes into a folder of its
 * own under {@code /tmp} instead, the same one on every start for the same data directory
 * and user ({@link #socketPath}), so that a joined server finds the host again after a
 * restart; the log names it. Without POSIX permissions (Windows) it falls back to a loopback
 * TCP port, with a WARN.
  */
final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    /**
     * Chunks are rewritten to reclaim space only below this fill rate (H2's default 90%
     * kept its background writer rewriting chunks for most of a large upload: bench/scale.sh).
     * This bounds the dead space of chunks that are still written to, not the file: chunks freed
     * within the last {@link #RETENTION} are kept, so a burst of writes can leave the file many
     * times its live data until later writes reuse it or the next start compacts it (README,
     * "The database").
     */
    private static final int AUTO_COMPACT_FILL_PERCENT = 50;

    /**
     * Bytes of sparse chunks rewritten per second at most: what H2's background writer rewrote
     * under load with the 32 MB write buffer this server used before it took over (a quarter of it).
     */
    private static final int REWRITE_BYTES_PER_SECOND = 8 << 20;

    /**
     * How long H2 keeps a chunk before its space may be reused once it holds no live page
     * ({@link MVStore#setRetentionTime}), H2's default 45 s kept: every write command commits a
     * chunk, so the file grows by this long's write traffic before it reuses space (after the
     * load suite's minute, {@code src/test/sh/load.sh}: 590-687 MB with 45 s, 135-156 MB with
     * 5 s, 90 MB with 2 s), but with 2 or 5 s the heap after a full GC ended the load 23-58 MB
     * higher (107-142 MB against 83-84 MB), past the load suite's tolerance in 2 of 3 runs, for a
     * reason not found yet (docs/decisions.md, "The embedded database file under sustained
     * writes"). Setting {@code modellibrary.mongo.embedded-retention}.
     */
    static final java.time.Duration RETENTION = java.time.Duration.ofSeconds(45);

    /** Compact at start-up when live pages fill less than this share of the file's chunks. */
    static final int COMPACT_BELOW_PERCENT = 50;

    /** Files this small are never compacted: the gain would not matter. */
    static final long COMPACT_ABOVE_BYTES = 16L << 20;

    /** The socket's file name in the data directory. */
    static final String SOCKET = "mongo.sock";

    /** The longest socket path we bind: below Linux's 108-byte and macOS's 104-byte {@code sun_path}. */
    static final int MAX_SOCKET_PATH_BYTES = 100;

    /** The longest data directory that holds its own socket: {@value #MAX_SOCKET_PATH_BYTES} less {@code /mongo.sock}. */
    static final int MAX_DATA_DIRECTORY_CHARS = MAX_SOCKET_PATH_BYTES - SOCKET.length() - 1;

    private final SnapshotH2Backend backend;
    private final String host;
    private final Runnable stop;
    /** The database file, as {@link DataDirectoryLockCheck#key} names it. */
    private final Path file;
    /**
     * The database files this JVM has open ({@link DataDirectoryLockCheck#key}): the start-up lock check
     * must not probe them (closing its probe's channel would drop this JVM's own lock, POSIX locks being
     * per process; {@link java.nio.channels.FileLock}).
     */
    static final java.util.Set<Path> OPEN_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService housekeeping;

    /**
     * Opens (or creates) the database file and starts listening.
     *
     * @param file            the MVStore file, e.g. {@code <data-dir>/mongo.mv}; its folder is
     *                        created 0700 (or narrowed to it) and the file made 0600
     * @param cacheMegabytes  the MVStore page cache in MB (H2's own default is 16 MB)
     * @throws UncheckedIOException        when the folder or socket cannot be prepared
     * @throws DataDirectoryInUseException when another process holds the file
     * @throws SocketFolderTakenException  when the socket's folder under {@code /tmp} is not this user's ({@link #ownSocketFolder})
     */
    EmbeddedMongoServer(Path file, int cacheMegabytes) {
        this(file, cacheMegabytes, RETENTION);
    }

    /**
     * The same with the chunks' retention time ({@link #RETENTION} by default).
     *
     * @param retention how long a chunk's space is kept once it holds no live page (whole milliseconds)
     */
    EmbeddedMongoServer(Path file, int cacheMegabytes, java.time.Duration retention) {
        Path dataDir = file.toAbsolutePath().getParent();
        OwnerOnly.dataDirectory(dataDir);
        // before the file is opened: a folder someone else holds refuses the start with nothing to undo
        Path socket = OwnerOnly.POSIX ? socketPath(dataDir) : null;
        if (socket != null && !socket.getParent().equals(realPath(dataDir))) {
            ownSocketFolder(socket.getParent());
            log.info("The MongoDB driver cannot reach a socket at {} (capital letters, ':', characters outside printable ASCII"
                    + " or a socket path over {} bytes): it goes to {}, the same on every start", realPath(dataDir).resolve(SOCKET),
                    MAX_SOCKET_PATH_BYTES, socket);
        }
        compactIfSparse(file);
        OwnerOnly.file(file);
        this.backend = SnapshotH2Backend.open(openUnlocked(file, cacheMegabytes, retention));
        this.file = DataDirectoryLockCheck.key(file);
        OPEN_HERE.add(this.file);
        this.housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("embedded-database-housekeeping", true));
        housekeeping.scheduleWithFixedDelay(this::rewriteSparseChunks, 1, 1, TimeUnit.SECONDS);
        try {
            if (socket != null) {
                this.stop = listenOnSocket(socket);
                this.host = URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
                log.info("Database: embedded MongoDB wire-protocol server on the Unix socket {} (this user only), persisted in {}"
                        + " (set MONGODB_URI to use a real MongoDB)", socket, file.toAbsolutePath());
            } else {
                MongoServer server = new MongoServer(backend);
                server.bind("127.0.0.1", 0);
                InetSocketAddress address = server.getLocalAddress();
                this.stop = server::shutdown;
                this.host = address.getHostString() + ":" + address.getPort();
                log.warn("Database: embedded MongoDB wire-protocol server on {} (no Unix sockets on this system: any local user"
                        + " can reach it), persisted in {}", host, file.toAbsolutePath());
            }
        } catch (RuntimeException e) {
            // release the file's lock: a caller in the same JVM (a test, a retry) may open it again
            housekeeping.shutdown();
            backend.close();
            OPEN_HERE.remove(this.file);
            throw e;
        }
    }

    /**
     * Opens the MVStore with its own writing switched off: no background writer (H2's commit
     * once a second and its chunk rewriting) and no write buffer that commits when full. Either
     * could store the maps in the middle of a write command; {@link SnapshotH2Backend} commits
     * after each write command instead, and {@link #rewriteSparseChunks} does the rewriting.
     * One commit per command also keeps a 10,000-blob reference batch from rewriting the
     * random-keyed {@code _id} index pages many times over, as H2's 1 MB buffer did (bench/scale.sh).
     */
    static MVStore openStore(Path file, int cacheMegabytes) {
        return openStore(file, cacheMegabytes, RETENTION);
    }

    /**
     * {@link #openStore(Path, int, java.time.Duration)}, refusing a file another process holds.
     *
     * @throws DataDirectoryInUseException when H2 finds the file locked (another server, a
     *                                     consistency check or {@code migrate-blobs} runs on this data directory)
     */
    static MVStore openUnlocked(Path file, int cacheMegabytes, java.time.Duration retention) {
        try {
            return openStore(file, cacheMegabytes, retention);
        } catch (org.h2.mvstore.MVStoreException e) {
            if (e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new DataDirectoryInUseException(file, e);
            }
            throw e;
        }
    }

    /** {@link #openStore(Path, int)} keeping dead chunks for {@code retention} before their space is reused. */
    static MVStore openStore(Path file, int cacheMegabytes, java.time.Duration retention) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMegabytes).autoCommitDisabled()
                .autoCommitBufferSize(0).autoCompactFillRate(AUTO_COMPACT_FILL_PERCENT).open();
        store.setRetentionTime(Math.toIntExact(retention.toMillis()));
        return store;
    }

    private void rewriteSparseChunks() {
        try {
            backend.rewriteSparseChunks(AUTO_COMPACT_FILL_PERCENT, REWRITE_BYTES_PER_SECOND);
        } catch (RuntimeException e) {
            log.warn("Rewriting the embedded database's sparse chunks failed: {}", e.toString());
        }
    }

    /**
     * Rewrites the database file with its live pages only when most of it is dead space
     * (live pages under {@value #COMPACT_BELOW_PERCENT}% of its chunks, and over
     * {@value #COMPACT_ABOVE_BYTES} bytes), before it is opened. MVStore writes copy-on-write:
     * every commit (at most one a second) appends the pages it changed, and the collector's
     * recording of an upload's blob references inserts random {@code sha256} keys, which
     * touches nearly every page of the {@code blobs} collection each second, so a 30,000-file
     * upload left 180 MB of file for 39 MB of data (README, "The database"). MVStore reuses the
     * dead space for later writes but never gives it back, and its online compaction could not
     * (tried: minutes of work, under 10% smaller); H2's offline copy ({@link MVStoreTool#compact})
     * takes seconds. Crash-safe: it writes {@code mongo.mv.tempFile} and renames, and
     * {@link MVStoreTool#compactCleanUp} finishes or undoes an interrupted run.
     *
     * @return true when the file was compacted
     * @throws DataDirectoryInUseException when another process holds the file
     */
    static boolean compactIfSparse(Path file) {
        String name = file.toString();
        MVStoreTool.compactCleanUp(name);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        long before;
        int live;
        try {
            before = Files.size(file);
            if (before <= COMPACT_ABOVE_BYTES) {
                return false;
            }
            MVStore peek = new MVStore.Builder().fileName(name).readOnly().open();
            try {
                live = peek.getFileStore().getChunksFillRate();
            } finally {
                peek.closeImmediately();
            }
        } catch (org.h2.mvstore.MVStoreException e) {
            if (e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new DataDirectoryInUseException(file, e); // said as such, not as a file that could not be measured
            }
            log.warn("Could not measure the embedded database file {} ({}); not compacting it", file, e.toString());
            return false;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not measure the embedded database file {} ({}); not compacting it", file, e.toString());
            return false;
        }
        if (live >= COMPACT_BELOW_PERCENT) {
            return false;
        }
        long started = System.nanoTime();
        MVStoreTool.compact(name, false);
        long after;
        try {
            after = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Compacted the embedded database {}: {} MB of which {}% live, now {} MB, in {} ms", file,
                before >> 20, live, after >> 20, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** The connection string the driver uses, e.g. {@code mongodb://%2Fsrv%2Fdata%2Fmongo.sock/modellibrary}. */
    String connectionString(String database) {
        return "mongodb://" + host + "/" + database;
    }

    /**
     * Writes a consistent copy of the database file into {@code zip}, as one entry named like the
     * file, while the server keeps serving: H2's own online backup ({@code FileStore.backup}, what
     * H2's {@code BACKUP TO} runs), which stops the store from reusing free space while it copies,
     * so every chunk the copy reads stays as it was, run as a file-store operation (no
     * compaction or background write in between). Writes are answered after their commit
     * ({@link SnapshotH2Backend}), so the copy holds every write answered before it began.
     * Restore: stop the server, unzip the entry over {@code <data-dir>/mongo.mv}.
     */
    void backup(java.util.zip.ZipOutputStream zip) throws java.io.IOException {
        org.h2.mvstore.MVStore store = backend.getMvStore();
        backend.commit();
        java.io.IOException[] failure = new java.io.IOException[1];
        store.executeFilestoreOperation(() -> {
            try {
                store.getFileStore().backup(zip);
            } catch (java.io.IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Override
    public void close() {
        stop.run();
        // not shutdownNow: an interrupt during a FileChannel write closes the channel under the
        // store ("Writing to ... failed" in a load suite's log at shutdown, once rewriting ran more often)
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backend.close();
        OPEN_HERE.remove(file);
        log.info("Embedded database stopped");
    }

    /**
     * The same pipeline as {@code MongoServer.bind}, on a server channel of Unix domain
     * sockets (Netty's NIO transport over the JDK's {@code UnixDomainSocketAddress}). Closing
     * removes the socket file; a folder of its own under {@code /tmp} stays, so that its name
     * stays this user's until the next start ({@link #ownSocketFolder}).
     */
    private Runnable listenOnSocket(Path socket) {
        removeStaleSocket(socket);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mongo-server-boss"), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("mongo-server-worker"), NioIoHandler.newFactory());
        ChannelGroup clients = new DefaultChannelGroup("mongo-server", GlobalEventExecutor.INSTANCE);
        Channel listening;
        try {
            listening = new ServerBootstrap().group(boss, workers).channel(NioServerDomainSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                                    new MongoWireProtocolHandler(), new MongoDatabaseHandler(backend, clients),
                                    new MongoExceptionHandler());
                        }
                    })
                    .bind(UnixDomainSocketAddress.of(socket)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
            throw e;
        }
        OwnerOnly.file(socket);
        return () -> {
            listening.close().syncUninterruptibly();
            clients.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                log.debug("Could not remove {}: {}", socket, e.toString());
            }
        };
    }

    /**
     * Where the embedded database of {@code dataDir} listens: {@code <data-dir>/mongo.sock} when the
     * driver can reach that path ({@link #reachable}), else {@code mongo.sock} in the folder
     * {@code /tmp/modellibrary-db-<uid>-<hash>} (the JVM's temporary directory where there is no
     * {@code /tmp}), where {@code <uid>} is this process's user id and {@code <hash>} the first 16 hex
     * digits of the SHA-256 of the user id and the data directory's real path: the same folder on every
     * start for the same directory and user (a joined server finds the host again after it restarted,
     * and a second start refused on the same directory can print the host's exact {@code MONGODB_URI}),
     * a different one for another directory or user. Both use the directory's real path (symbolic links
     * resolved), so every name of one data directory gives the same socket. Computes only: creates and
     * checks nothing ({@link #ownSocketFolder} does).
     *
     * @param dataDir an existing data directory
     * @throws UncheckedIOException when its real path cannot be read
     * @throws IllegalStateException when not even the folder under {@code /tmp} is reachable (a temporary
     *                               directory with a long path or capital letters)
     */
    static Path socketPath(Path dataDir) {
        Path real = realPath(dataDir);
        Path socket = real.resolve(SOCKET);
        if (reachable(socket)) {
            return socket;
        }
        long uid = processUid();
        Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        Path elsewhere = base.resolve(FOLDER_PREFIX + uid + "-" + hash(uid + "\0" + real)).resolve(SOCKET);
        if (!reachable(elsewhere)) {
            throw new IllegalStateException("no folder for the embedded database's socket: " + socket + " and " + elsewhere
                    + " cannot be reached by the MongoDB driver (capital letters, ':', characters outside printable ASCII or"
                    + " longer than " + MAX_SOCKET_PATH_BYTES + " bytes); set MONGODB_URI or choose a data directory without them");
        }
        return elsewhere;
    }

    /** This process's user id (POSIX systems only: {@link OwnerOnly#POSIX}). */
    private static long processUid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    private static Path realPath(Path dataDir) {
        try {
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the data directory " + dataDir, e);
        }
    }

    /** The name of the socket's own folder under {@code /tmp} before {@code <uid>-<hash>} ({@link #socketPath}). */
    static final String FOLDER_PREFIX = "modellibrary-db-";

    private static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Makes sure the socket's folder is this user's own when it is not the data directory: under the
     * shared {@code /tmp} another local user could have made a folder of that predictable name first,
     * or a symbolic link to a folder of theirs, and would then see, replace or take over the socket.
     * The folder is created {@code rwx------} when missing (a single {@code mkdir}, which follows no
     * symbolic link); an existing one must be a folder, not a symbolic link, owned by this process's
     * user (read without following links: {@code LinkOption.NOFOLLOW_LINKS}); one of ours that group
     * or others may enter is narrowed to 0700 with a WARN, as the data directory is.
     *
     * @param dir the folder {@code /tmp/modellibrary-db-<uid>-<hash>} ({@link #socketPath})
     * @throws SocketFolderTakenException when the folder is someone else's, a symbolic link or no folder
     * @throws UncheckedIOException when it cannot be created, read or narrowed
     */
    static void ownSocketFolder(Path dir) {
        try {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException exists) {
                // checked below like any other
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long uid = processUid();
            if (attributes.isSymbolicLink()) {
                throw new SocketFolderTakenException(dir, "is a symbolic link");
            }
            if (!attributes.isDirectory()) {
                throw new SocketFolderTakenException(dir, "is not a folder");
            }
            long owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            if (owner != uid) {
                throw new SocketFolderTakenException(dir, "belongs to " + attributes.owner().getName() + " (uid " + owner
                        + "), not to this server's user (uid " + uid + ")");
            }
            Set<PosixFilePermission> now = attributes.permissions();
            if (!now.equals(OWNER_ONLY)) {
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(OWNER_ONLY);
                log.warn("The database socket's folder {} was {}; now rwx------ so that only this user can reach the socket",
                        dir, PosixFilePermissions.toString(now));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the folder " + dir + " for the database socket", e);
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * Whether the MongoDB driver (5.6) connects to exactly this socket path when given it percent-encoded
     * in {@code MONGODB_URI}: printable ASCII only, no capital letter, no {@code ':'}, at most
     * {@value #MAX_SOCKET_PATH_BYTES} bytes. What the driver does with the host of such a URI
     * ({@code ConnectionString.parseHosts} percent-decodes a host ending in {@code .sock}, which then goes
     * to {@code new UnixServerAddress(path)} and so to the {@code ServerAddress(host, port)} constructor):
     * <ul>
     * <li>it lower-cases the whole path ({@code host.toLowerCase()}, in the joining JVM's default locale),
     *     so {@code /srv/Data/mongo.sock} becomes {@code /srv/data/mongo.sock}, another file or none;</li>
     * <li>a path with exactly one {@code ':'} is read as {@code host:port}, and the client cannot be
     *     created ({@code MongoException: host and port should be specified in host:port format}); two or
     *     more pass, but are refused here too for simplicity;</li>
     * <li>it trims white space at both ends (none here: the path starts with {@code /} and ends in
     *     {@code .sock});</li>
     * <li>jnr-unixsocket encodes the path in UTF-8, whereas this JVM binds it in its file-name encoding
     *     ({@code sun.jnu.encoding}, not always UTF-8 on Java 17): characters outside ASCII could name two
     *     different files;</li>
     * <li>{@code sun_path} holds 108 bytes on Linux, 104 on macOS, with the closing zero.</li>
     * </ul>
     * Everything else survives: {@code URLEncoder} encodes {@code / @ ? , % +} and spaces, and the driver's
     * {@code URLDecoder} restores them ({@code EmbeddedDatabaseAccessTest} checks the first two facts on the
     * driver itself).
     */
    static boolean reachable(Path socket) {
        String path = socket.toString();
        return path.length() <= MAX_SOCKET_PATH_BYTES && path.indexOf(':') < 0
                && path.chars().allMatch(c -> c >= 0x20 && c < 0x7f && !(c >= 'A' && c <= 'Z'));
    }

    /**
     * A socket file left by a server that was killed. The MVStore file is locked by now, so
     * no other server of this data directory can be listening: a socket that still accepts
     * a connection belongs to something else, and we refuse to take it over. Anything else of that
     * name (in a folder only this user may write to) is removed, a symbolic link itself, not what it
     * points to.
     */
    private static void removeStaleSocket(Path socket) {
        if (Files.notExists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            throw new IllegalStateException("another process listens on " + socket + "; stop it or choose another data directory");
        } catch (IOException refused) {
            try {
                Files.delete(socket);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale socket " + socket, e);
            }
        }
    }
}
