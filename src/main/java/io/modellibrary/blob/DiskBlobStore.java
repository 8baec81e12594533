package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <data-dir>/blobs/}, at {@code ab/<sha256>} (256 folders, as
 * git's loose objects: with two levels, a fresh store paid a directory creation for most of
 * its first 65,536 blobs; files of the older {@code ab/cd/<sha256>} layout are moved on
 * start, see {@link #moveOldLayout}). A blob is
 * hashed while written to {@code blobs/tmp}, made durable, then renamed into place, so a
 * blob path never holds a partial file.
 *
 * <p>Durability in batches: an fsync per file costs about 350 µs on this project's disks
 * (ext4; 274 µs when all are forced after all writes), which alone made a 20,000-file upload
 * take 7 s. A batch of more than {@value #FORCE_EACH_UP_TO} blobs is therefore made durable with
 * two {@code syncfs(2)} calls (through {@code sync -f}, about 60 µs a file all told): one before
 * the renames (the contents) and one after (the renames). Where {@code sync -f} is missing
 * (not Linux), every file and directory is forced one by one.
 */
public class DiskBlobStore implements BlobStore {

    static final int FORCE_EACH_UP_TO = 8;
    /** Bytes of content read into memory before anything is written (see {@link #stage}). */
    static final int SMALL = 64 * 1024;
    /** How a temporary blob file is opened: new, for writing, and (see {@link OwnerOnly}) 0600. */
    private static final Set<StandardOpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private static final Logger log = LoggerFactory.getLogger(DiskBlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;
    private final HashingCopy copier;
    private final boolean syncfs;
    /** Temporary names: this process's prefix and a counter (cheaper than createTempFile, one open per blob). */
    private final String tempPrefix = "upload-" + java.util.UUID.randomUUID() + "-";
    private final java.util.concurrent.atomic.AtomicLong tempCounter = new java.util.concurrent.atomic.AtomicLong();
    /** Blob folders known to exist: each {@code ab} is created once, not checked per blob. */
    private final Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Space left free on the store's file system: {@link StorageProperties#minFree}; 0 for tests' stores. */
    private long minFree;
    private java.nio.file.FileStore fileSystem;

    DiskBlobStore(ModelLibraryProperties properties, StorageProperties storage) throws IOException {
        this(OwnerOnly.dataDirectory(properties.dataDir()).resolve("blobs"), null);
        this.minFree = storage.minFree().toBytes();
        this.fileSystem = Files.getFileStore(tmp);
    }

    /** A store rooted at {@code root} (tests). */
    public DiskBlobStore(Path root) {
        this(root, null);
    }

    /** A store rooted at {@code root} writing through {@code copier} (tests inject failures). */
    DiskBlobStore(Path root, HashingCopy copier) {
        this.copier = copier != null ? copier : new HashingCopy(DiskBlobStore::sha256, this::writeWithRoom);
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        cleanTemporaryFiles();
        moveOldLayout();
        this.syncfs = syncFileSystem();
    }

    /**
     * Content under {@value #SMALL} bytes is read into memory first: when the store holds it
     * already, no temporary file is written at all (re-uploads of unchanged files). Larger
     * content goes through {@link HashingCopy} (hashing on another thread, overlapped with the
     * writes); on any failure the temporary file is deleted before this throws.
     */
    @Override
    public Staged stage(InputStream in, long maxSize) throws IOException {
        return stage(in, maxSize, HashingCopy.Progress.NONE);
    }

    /**
     * {@link #stage(InputStream, long)}, telling {@code progress} how much of the temporary file
     * is written as it grows (content over {@value #SMALL} bytes; see {@link HashingCopy.Progress}).
     */
    Staged stage(InputStream in, long maxSize, HashingCopy.Progress progress) throws IOException {
        byte[] head = in.readNBytes(SMALL);
        if (head.length > maxSize) {
            throw new BlobTooLargeException(maxSize);
        }
        if (head.length < SMALL) {
            String hex = HexFormat.of().formatHex(sha256().digest(head));
            if (exists(hex)) {
                return new Staged(hex, head.length, null);
            }
            ensureRoom(head.length);
            Path temp = temporary();
            try (FileChannel out = FileChannel.open(temp, NEW_FILE, OwnerOnly.fileAttributes())) {
                writeFully(out, ByteBuffer.wrap(head));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp); // a full disk must not leave a partial file behind
                throw e;
            }
            return new Staged(hex, head.length, temp);
        }
        Path temp = temporary();
        try {
            HashingCopy.Result copied = copier.copy(head, in, temp, maxSize, progress);
            return new Staged(copied.sha256(), copied.size(), temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private Path temporary() {
        return tmp.resolve(tempPrefix + tempCounter.incrementAndGet() + ".part");
    }

    @Override
    public void publish(List<Staged> all) throws IOException {
        List<Staged> batch = all.stream().filter(s -> s.temp() != null).toList();
        if (batch.isEmpty()) {
            return;
        }
        boolean each = !syncfs || batch.size() <= FORCE_EACH_UP_TO;
        if (each) {
            for (Staged s : batch) {
                if (s.temp() != null) {
                    force(s.temp());
                }
            }
        } else if (!syncFileSystem()) {
            throw new IOException("sync -f failed: the blobs could not be made durable");
        }
        Set<Path> touched = new HashSet<>();
        for (Staged s : batch) {
            Path target = path(s.sha256());
            if (s.temp() == null) {
                continue;
            }
            if (Files.isRegularFile(target) || !Files.exists(s.temp())) {
                Files.deleteIfExists(s.temp());
                continue;
            }
            if (folders.add(target.getParent())) {
                OwnerOnly.folders(target.getParent());
            }
            try {
                Files.move(s.temp(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(s.temp());
            } catch (java.nio.file.NoSuchFileException e) {
                OwnerOnly.folders(target.getParent());
                Files.move(s.temp(), target, StandardCopyOption.ATOMIC_MOVE);
            }
            touched.add(target.getParent());
        }
        if (each) {
            touched.forEach(DiskBlobStore::forceDirectory);
        } else if (!syncFileSystem()) {
            throw new IOException("sync -f failed: the blobs could not be made durable");
        }
    }

    @Override
    public void discard(Staged staged) {
        if (staged.temp() != null) {
            deleteQuietly(staged.temp());
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** Where the blob's file is, stored or not: {@code <root>/<sha256[0:2]>/<sha256>}. */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The blob's file when it is stored (the zero-copy download path). */
    @Override
    public java.util.Optional<Path> localFile(String sha256) {
        Path file = path(sha256);
        return Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    @Override
    public long size(String sha256) {
        try {
            return Files.size(path(sha256));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Positional reads of the blob's file ({@link FileSlice}). */
    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        return new FileSlice(path(sha256), offset, length);
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        return Files.deleteIfExists(path(sha256));
    }

    @Override
    public long ageMillis(String sha256) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(path(sha256)).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every stored blob's hash, folder by folder (the conversion's walk for files without an index entry). */
    public Stream<String> walk(String fromFolder) throws IOException {
        try (Stream<Path> top = Files.list(root)) {
            List<Path> folders = top.filter(p -> p.getFileName().toString().length() == 2)
                    .filter(p -> p.getFileName().toString().compareTo(fromFolder) >= 0).sorted().toList();
            return folders.stream().flatMap(DiskBlobStore::filesBelow)
                    .map(p -> p.getFileName().toString()).filter(n -> SHA256.matcher(n).matches());
        }
    }

    private static Stream<Path> filesBelow(Path folder) {
        try (Stream<Path> files = Files.walk(folder, 1)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses to write {@code bytes} more when that would leave less than {@link #minFree} on
     * the file system, with the kernel's own words ({@code ENOSPC}), so that the web layer
     * answers it as a full disk (507): uploads never take the database's last bytes. One
     * {@code statvfs} per write of a large blob (a 1 MB buffer).
     */
    private void ensureRoom(long bytes) throws IOException {
        if (minFree <= 0 || fileSystem == null) {
            return;
        }
        long usable = fileSystem.getUsableSpace();
        if (usable - bytes < minFree) {
            throw new IOException("No space left on device: " + usable + " bytes usable, and the data directory keeps "
                    + minFree + " free (modellibrary.storage.min-free)");
        }
    }

    /** One write of a large blob's buffer, after {@link #ensureRoom}. */
    private int writeWithRoom(FileChannel out, ByteBuffer bytes) throws IOException {
        ensureRoom(bytes.remaining());
        return out.write(bytes);
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** {@code syncfs(2)} on the store's file system; false where that is not available. */
    private boolean syncFileSystem() {
        try {
            Process p = new ProcessBuilder("sync", "-f", tmp.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Moves blobs of the older two-level layout ({@code ab/cd/<sha256>}) to {@code ab/<sha256>}.
     * Idempotent and resumable; a marker folder skips the walk once done.
     */
    private void moveOldLayout() {
        Path marker = root.resolve(".layout-v2");
        if (Files.exists(marker)) {
            return;
        }
        try (Stream<Path> top = Files.list(root)) {
            for (Path folder : top.filter(p -> p.getFileName().toString().length() == 2 && Files.isDirectory(p)).toList()) {
                try (Stream<Path> inner = Files.list(folder)) {
                    for (Path sub : inner.filter(Files::isDirectory).toList()) {
                        moveUp(sub, folder);
                    }
                }
            }
            Files.createDirectories(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert the blob store at " + root, e);
        }
    }

    private static void moveUp(Path sub, Path folder) throws IOException {
        try (Stream<Path> files = Files.list(sub)) {
            for (Path file : files.toList()) {
                Path target = folder.resolve(file.getFileName());
                if (Files.exists(target)) {
                    Files.delete(file);
                } else {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        Files.delete(sub);
    }

    private void cleanTemporaryFiles() {
        try {
            OwnerOnly.folders(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                long removed = files.filter(DiskBlobStore::deleteQuietly).count();
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

    /** Makes a rename durable (Linux allows fsync on a directory; elsewhere it is skipped). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot fsync directory {}", dir, e);
        }
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
