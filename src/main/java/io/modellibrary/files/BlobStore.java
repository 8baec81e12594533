package io.modellibrary.files;

import io.modellibrary.common.ModelLibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed storage under {@code <data-dir>/blobs/}: each distinct content once,
 * at {@code ab/cd/<sha256>}. A blob is written in one pass (hashed while written to
 * {@code blobs/tmp}, forced to disk, atomically renamed into place), so a blob path
 * never holds a partial file. Temporary files of uploads that died with the process are
 * removed on start.
 *
 * <p>Reclaiming is safe against a concurrent upload of the same content: an upload
 * {@linkplain Lease leases} each blob it stores, under the same per-hash lock that
 * {@link #deleteIfUnused} takes, and keeps the lease until its commit is written; a
 * leased blob is never deleted. (One server process per data directory.)
 */
@Component
class BlobStore {

    static final int BUFFER_SIZE = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(BlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;
    private final Object[] stripes = new Object[64];
    private final ConcurrentHashMap<String, Integer> leases = new ConcurrentHashMap<>();

    @Autowired
    BlobStore(ModelLibraryProperties properties) {
        this(properties.dataDir().resolve("blobs"));
    }

    BlobStore(Path root) {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        cleanTemporaryFiles();
    }

    /** The content's bytes, hashed and stored; more than {@code maxSize} bytes is refused. */
    StoredBlob store(InputStream in, long maxSize, Lease lease) throws IOException {
        Path temp = Files.createTempFile(tmp, "upload-", ".part");
        try {
            MessageDigest sha = sha256();
            long size = copy(in, temp, sha, maxSize);
            return publish(temp, HexFormat.of().formatHex(sha.digest()), size, lease);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Where the blob lives; it exists while a commit references it. */
    Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** Deletes the blob unless an upload holds it or {@code referenced} says a commit names it. */
    boolean deleteIfUnused(String sha256, Predicate<String> referenced) {
        synchronized (stripe(sha256)) {
            if (leases.containsKey(sha256) || referenced.test(sha256)) {
                return false;
            }
            try {
                return Files.deleteIfExists(path(sha256));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Lease lease() {
        return new Lease();
    }

    Path temporaryFolder() {
        return tmp;
    }

    private long copy(InputStream in, Path temp, MessageDigest sha, long maxSize) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                size += n;
                if (size > maxSize) {
                    throw new TooLargeException("a file is larger than the limit of " + FilesProperties.describe(maxSize));
                }
                sha.update(buffer, 0, n);
                wrapped.clear().limit(n);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
            }
            out.force(true);
        }
        return size;
    }

    private StoredBlob publish(Path temp, String sha256, long size, Lease lease) throws IOException {
        Path target = path(sha256);
        synchronized (stripe(sha256)) {
            lease.hold(sha256);
            if (Files.isRegularFile(target)) {
                return new StoredBlob(sha256, size);
            }
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        forceDirectory(target.getParent());
        return new StoredBlob(sha256, size);
    }

    private void cleanTemporaryFiles() {
        try {
            Files.createDirectories(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                long removed = files.filter(BlobStore::deleteQuietly).count();
                if (removed > 0) {
                    log.info("Removed {} temporary files left by interrupted uploads", removed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the blob store at " + root, e);
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove temporary file {}", file, e);
            return false;
        }
    }

    /** Makes the rename itself durable (Linux allows fsync on a directory; elsewhere it is skipped). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot fsync directory {}", dir, e);
        }
    }

    private Object stripe(String sha256) {
        return stripes[Math.floorMod(sha256.hashCode(), stripes.length)];
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record StoredBlob(String sha256, long size) {
    }

    /**
     * The blobs one upload stored: held (never reclaimed) until closed, which the upload
     * does after its commit is written or it failed.
     */
    final class Lease implements AutoCloseable {
        private final java.util.Set<String> held = new java.util.HashSet<>();
        private boolean released;

        private void hold(String sha256) {
            if (held.add(sha256)) {
                leases.merge(sha256, 1, Integer::sum);
            }
        }

        /**
         * Every blob this upload stored, those it brought into the store and those it found
         * there: when the upload fails, any of them may have lost its last reference meanwhile
         * (a repository deleted during the upload), so all are candidates for reclaiming.
         */
        java.util.Set<String> stored() {
            return java.util.Set.copyOf(held);
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                held.forEach(sha -> leases.computeIfPresent(sha, (k, n) -> n == 1 ? null : n - 1));
            }
        }
    }
}
