package io.modellibrary.content;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobIndex;
import io.modellibrary.blob.BlobTooLargeException;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.blob.HashingCopy;
import io.modellibrary.blob.PendingObjects;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import io.modellibrary.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Git LFS objects: content stored by one request under the sha256 the client announced, and
 * committed by a later one ({@link StagedUpload#putStored}). A stored object is held for
 * {@code modellibrary.storage.pending-objects} (default 24 h, {@link PendingObjects}); an
 * object the store has already (from any repository) is not stored again.
 *
 * <p>Who may name an object without sending its bytes (docs/decisions.md T29): the store holds each object once for every repository, so
 * "the store has it" must never be what lets a commit name it, nor what an upload batch answers,
 * or any writer could copy another user's private file into their own repository by its sha256,
 * and learn which private files exist. An object may be named by a commit of repository R
 * ({@link #mayName}), and counts as already there for R's upload batch ({@link #alreadyThere}),
 * only when the caller could read it already:
 * <ul>
 *   <li>R or another repository the caller may read ({@link RepoAccess#readableIds}: public, their own,
 *   their organisations') references it ({@link BlobIndex#users}); or</li>
 *   <li>its bytes were uploaded to R through the LFS transfers ({@link #store}, {@link #complete}),
 *   or an upload batch of R found it readable as above: the record of {@link PendingObjects#uploadedTo}.</li>
 * </ul>
 * Any other object is answered as one the store does not have: an {@code upload} action (the
 * bytes are checked against the sha256 on arrival and kept once), and a commit naming it is refused
 * as naming an object never uploaded. Multipart parts are kept per repository for the same reason:
 * the parts of another repository's interrupted upload are neither listed nor completed.
 *
 * <p>Multipart uploads: parts of {@link #partSize} bytes (the last one shorter), each written to a
 * temporary file under {@code <data-dir>/lfs-parts/<oid>.<repository id>/} (never held in memory), its ETag being
 * the hex sha256 of the part; completion reads the parts in order, in one pass, into the blob
 * store, checking the sha256 and the size of the whole. An interrupted upload can be continued:
 * a part is kept only when it arrived whole, with exactly its length, and {@link #storedParts}
 * tells which are kept, so that a client sends only the others. Parts of uploads never completed
 * are deleted {@link #PART_AGE} after the last part arrived, by the collector's background run;
 * a completion whose whole is not the object deletes them at once (a part changed or
 * damaged: the next attempt starts over).
 */
@Service
public class LfsObjects {

    /** Parts are deleted this long after the last part of their object arrived (an abandoned multipart upload). */
    public static final Duration PART_AGE = Duration.ofHours(24);
    /** A 64-hex lowercase sha256: an object id. */
    public static final Pattern OID = Pattern.compile("[0-9a-f]{64}");
    /** A repository id as MongoDB makes them (an ObjectId's hex), safe in a file name. */
    private static final Pattern REPO_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    /** A part's file: {@code <number>-<etag>.part}. */
    private static final Pattern PART_FILE = Pattern.compile("(\\d{1,9})-([0-9a-f]{64})\\.part");
    private static final Logger log = LoggerFactory.getLogger(LfsObjects.class);

    private final BlobCollector collector;
    private final PendingObjects pending;
    private final BlobIndex index;
    private final RepoAccess access;
    private final FilesProperties limits;
    private final Path partsRoot;
    /** The blob store's write path, shared so that parts are written as fast as blobs (and forced before their ETag is answered). */
    private final HashingCopy copier = new HashingCopy();

    LfsObjects(BlobCollector collector, PendingObjects pending, BlobIndex index, RepoAccess access, FilesProperties limits,
               ModelLibraryProperties app) {
        this.collector = collector;
        this.pending = pending;
        this.index = index;
        this.access = access;
        this.limits = limits;
        this.partsRoot = app.dataDir().resolve("lfs-parts");
        collector.addTask(this::sweepParts);
    }

    /** The largest object in bytes ({@code modellibrary.files.max-file-size}). */
    public long maxObjectSize() {
        return limits.maxFileSize().toBytes();
    }

    /**
     * Of the objects of an upload batch of {@code repo} (sha256 → size in bytes), those that need no
     * upload: stored with that size, and ones the caller may name ({@link #mayName}). Each is held for
     * a later commit of the repository, and recorded as the repository's ({@link PendingObjects#holdIfStored}),
     * so that the commit may name it even if the repository it was read through changes meanwhile.
     * Every other object must be uploaded, whether the store has it or not.
     *
     * @param user the caller (a writer of {@code repo})
     */
    public Set<String> alreadyThere(Repo repo, CurrentUser user, Map<String, Long> objects) {
        objects.keySet().forEach(LfsObjects::requireOid);
        Set<String> there = new LinkedHashSet<>();
        // the database's lookups first (by _id, a few queries for the batch), the store's only for what may be named:
        // on S3 each is a HEAD request
        for (String oid : mayName(repo, user, objects.keySet())) {
            if (pending.holdIfStored(oid, objects.get(oid), repo.getId())) {
                there.add(oid);
            }
        }
        return there;
    }

    /**
     * Of these objects, those a commit of {@code repo} by {@code user} may name without sending their
     * bytes (the rule of this class's comment): uploaded to the repository, or referenced by a
     * repository the caller may read. Whether the store still holds them is the commit's check.
     * Lookups by {@code _id}: the pending records, the blobs' index, the repositories.
     *
     * @param user the caller, or null when anonymous
     */
    public Set<String> mayName(Repo repo, CurrentUser user, Collection<String> oids) {
        Set<String> named = new HashSet<>(pending.uploadedTo(repo.getId(), oids));
        List<String> rest = oids.stream().filter(oid -> !named.contains(oid)).toList();
        if (rest.isEmpty()) {
            return named;
        }
        Map<String, Set<String>> users = index.users(rest);
        Set<String> repos = new HashSet<>();
        users.values().forEach(repos::addAll);
        Set<String> readable = access.readableIds(repos, user);
        users.forEach((oid, by) -> {
            if (by.stream().anyMatch(readable::contains)) {
                named.add(oid);
            }
        });
        return named;
    }

    /**
     * The size in bytes of a stored object a commit of {@code repo} by {@code user} may name
     * ({@link #mayName}), or -1, as for an object the store does not have, when it is not stored or
     * the caller may not name it: for a commit naming an object without its size, as
     * {@code huggingface_hub} does for a copy of an LFS file ({@code _commit_api.py
     * _prepare_commit_payload}, {@code CommitOperationCopy}).
     */
    public long storedSize(Repo repo, CurrentUser user, String oid) {
        long size = pending.storedSize(requireOid(oid));
        return size >= 0 && mayName(repo, user, List.of(oid)).contains(oid) ? size : -1;
    }

    /**
     * The verify action: true when the object was uploaded to repository {@code repoId} (or found
     * there by its batch) and the store holds it with this size; it is then held again. False for an
     * object sent to another repository only, so that verify reveals nothing a batch would not.
     */
    public boolean isUploaded(String repoId, String oid, long size) {
        return pending.uploadedTo(repoId, List.of(requireOid(oid))).contains(oid) && pending.holdIfStored(oid, size, repoId);
    }

    /**
     * Streams {@code in} into the blob store as object {@code oid} of {@code size} bytes, in one
     * pass (hashed while written, durable on return), and holds it for a later commit of
     * repository {@code repoId} (recorded: see {@link #mayName}). An object the store has already is
     * checked the same way and kept once.
     *
     * @throws io.modellibrary.blob.BlobMismatchException when the content is another sha256 or size (nothing kept)
     * @throws TooLargeException over {@code modellibrary.files.max-file-size}
     */
    public BlobWriter.StoredBlob store(String repoId, String oid, long size, InputStream in) throws IOException {
        requireOid(oid);
        long max = maxObjectSize();
        if (size > max) {
            throw tooLarge(max);
        }
        try (BlobWriter writer = collector.writer()) {
            BlobWriter.StoredBlob blob = writer.storeExpecting(in, max, oid, size);
            writer.flush();
            pending.hold(blob.sha256(), blob.size(), repoId);
            return blob;
        } catch (BlobTooLargeException e) {
            throw tooLarge(max);
        }
    }

    /** The part size of multipart uploads, in bytes ({@code modellibrary.files.lfs-part-size}). */
    public long partSize() {
        return limits.lfsPartSize().toBytes();
    }

    /** How many parts an object of {@code size} bytes has: at least 1. */
    public long parts(long size) {
        return Math.max(1, (size + partSize() - 1) / partSize());
    }

    /** The length in bytes of part {@code partNumber} (1 to {@link #parts}) of an object of {@code size} bytes. */
    public long partLength(long size, int partNumber) {
        return partNumber < parts(size) ? partSize() : size - partSize() * (parts(size) - 1);
    }

    /**
     * Writes part {@code partNumber} (1-based) of object {@code oid}, uploaded to repository
     * {@code repoId}, to a temporary file (in the folder of that repository's upload of the object),
     * through the blob store's write path ({@link HashingCopy}: hashed on another thread while
     * written, durable before this returns), and keeps it only when it has exactly
     * {@code length} bytes; answers its ETag (hex sha256 of the part). A part sent again
     * replaces the one with the same content; the newest counts ({@link #storedParts}).
     *
     * @throws TooLargeException over {@code length}, {@link BadRequestException} under it (nothing kept)
     */
    public String storePart(String repoId, String oid, int partNumber, long length, InputStream in) throws IOException {
        Path dir = OwnerOnly.folders(partsFolder(repoId, oid));
        Path temp = dir.resolve(UUID.randomUUID() + ".tmp");
        try {
            HashingCopy.Result part;
            try {
                part = copier.copyDurably(in, temp, length);
            } catch (BlobTooLargeException e) {
                throw new TooLargeException("part " + partNumber + " is larger than its " + length + " bytes");
            }
            if (part.size() != length) {
                throw new BadRequestException("part " + partNumber + " has " + part.size() + " bytes, not its " + length);
            }
            Files.move(temp, dir.resolve(partName(partNumber, part.sha256())), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            forceFolder(dir); // the rename, before the ETag acknowledges the part
            return part.sha256();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The parts of object {@code oid} of {@code size} bytes kept from earlier requests to repository {@code repoId}
     * ({@link #storePart}), by number: those of the length their number has in an object of this
     * size, the newest where one number was sent twice. Empty when none (or the object has one part).
     */
    public List<Part> storedParts(String repoId, String oid, long size) throws IOException {
        Path dir = partsFolder(repoId, oid);
        if (parts(size) < 2 || !Files.isDirectory(dir)) {
            return List.of();
        }
        Map<Integer, Path> newest = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            for (Path file : files) {
                int number = number(file);
                if (number >= 1 && number <= parts(size) && Files.size(file) == partLength(size, number)) {
                    newest.merge(number, file, (a, b) -> modified(a) >= modified(b) ? a : b);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // completed or swept meanwhile
        }
        return newest.entrySet().stream().map(e -> new Part(e.getKey(), etag(e.getValue()))).toList();
    }

    /** A part file's number, 0 when its name is not a part's. */
    private static int number(Path file) {
        Matcher name = PART_FILE.matcher(file.getFileName().toString());
        return name.matches() ? Integer.parseInt(name.group(1)) : 0;
    }

    private static String etag(Path file) {
        Matcher name = PART_FILE.matcher(file.getFileName().toString());
        return name.matches() ? name.group(2) : "";
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0; // deleted meanwhile: the other one counts
        }
    }

    /** A part named in a completion: its number (1-based) and the ETag its upload answered. */
    public record Part(int partNumber, String etag) {
    }

    /**
     * Reassembles the parts uploaded to repository {@code repoId}, in the order of their numbers, into
     * object {@code oid} of {@code size} bytes (one pass, hashed while written) and holds it for that
     * repository ({@link #store}); the parts are deleted.
     *
     * @throws BadRequestException when a part is missing or its ETag does not match
     * @throws io.modellibrary.blob.BlobMismatchException when the whole is another sha256 or size (nothing kept)
     */
    public BlobWriter.StoredBlob complete(String repoId, String oid, long size, List<Part> parts) throws IOException {
        Path dir = partsFolder(repoId, oid);
        if (parts == null || parts.isEmpty()) {
            throw new BadRequestException("parts is required");
        }
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Part part = ordered.get(i);
            String etag = part.etag() == null ? "" : part.etag().replace("\"", "");
            Path file = dir.resolve(partName(part.partNumber(), etag));
            if (part.partNumber() != i + 1 || !OID.matcher(etag).matches() || !Files.isRegularFile(file)) {
                throw new BadRequestException("part " + part.partNumber() + " of object " + oid + " was not uploaded"
                        + " (or its etag does not match)");
            }
            files.add(file);
        }
        BlobWriter.StoredBlob blob;
        try (InputStream in = concatenate(files)) {
            blob = store(repoId, oid, size, in);
        } catch (io.modellibrary.blob.BlobMismatchException e) {
            deleteQuietly(dir); // a part that is not the object's: kept, it would fail every later attempt
            throw e;
        }
        deleteQuietly(dir);
        return blob;
    }

    private static InputStream concatenate(List<Path> files) {
        return new SequenceInputStream(Collections.enumeration(files.stream().map(LfsObjects::open).toList()));
    }

    private static InputStream open(Path file) {
        return new java.io.BufferedInputStream(new LazyFileStream(file), 1 << 20);
    }

    /** Opens its file on the first read, so that a thousand parts do not hold a thousand descriptors. */
    private static final class LazyFileStream extends InputStream {
        private final Path file;
        private InputStream in;

        LazyFileStream(Path file) {
            this.file = file;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = Files.newInputStream(file);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in().read(b, off, len);
            if (n < 0) {
                close();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** Deletes part folders untouched for {@link #PART_AGE}; one pass per collector run. */
    private boolean sweepParts() {
        if (!Files.isDirectory(partsRoot)) {
            return false;
        }
        long cutoff = System.currentTimeMillis() - PART_AGE.toMillis();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(partsRoot)) {
            for (Path dir : dirs) {
                if (Files.getLastModifiedTime(dir).toMillis() < cutoff && newest(dir) < cutoff) {
                    deleteQuietly(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot sweep abandoned LFS parts in {}", partsRoot, e);
        }
        return false;
    }

    /** The newest modification time in the folder (ms), the folder's own included. */
    private static long newest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long newest = Files.getLastModifiedTime(dir).toMillis();
            for (Path f : files.toList()) {
                newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
            }
            return newest;
        }
    }

    /**
     * The folder holding the parts of {@code oid} uploaded to repository {@code repoId}:
     * {@code <data-dir>/lfs-parts/<oid>.<repoId>} (one level, as the sweep reads it).
     */
    static Path partsFolder(Path partsRoot, String repoId, String oid) {
        if (repoId == null || !REPO_ID.matcher(repoId).matches()) {
            throw new IllegalArgumentException("not a repository id: " + repoId);
        }
        return partsRoot.resolve(requireOid(oid) + "." + repoId);
    }

    private Path partsFolder(String repoId, String oid) {
        return partsFolder(partsRoot, repoId, oid);
    }

    private static String partName(int partNumber, String etag) {
        return String.format("%05d-%s.part", partNumber, etag);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            log.debug("Cannot delete {} now; the sweep retries", dir, e);
        }
    }

    private static void forceFolder(Path dir) throws IOException {
        try (java.nio.channels.FileChannel folder = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            folder.force(true);
        } catch (UnsupportedOperationException e) {
            log.debug("Cannot fsync folder {}", dir, e); // not Linux: the file system orders its renames
        }
    }

    private static String requireOid(String oid) {
        if (oid == null || !OID.matcher(oid).matches()) {
            throw new BadRequestException("oid must be a sha256: 64 lowercase hexadecimal characters");
        }
        return oid;
    }

    private static TooLargeException tooLarge(long max) {
        return new TooLargeException("the object is larger than the limit of " + FilesProperties.describe(max));
    }
}
