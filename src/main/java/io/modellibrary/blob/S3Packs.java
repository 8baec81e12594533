package io.modellibrary.blob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The small blobs of a batch as one object of the bucket (a pack), for {@link S3BlobStore}:
 * every small blob its own PUT made 20,000 small files on S3 0.18× as fast as on the disk
 * store ({@code bench/s3.sh}; docs/decisions.md, T26 and T27), one PUT per pack of up to
 * {@value #PACK_MAX} bytes removes those requests. Packs are named {@code <prefix>/packs/<uuid>},
 * never reused, never changed once uploaded; {@link PackIndex} says where each blob is. A large
 * blob whose sha256 is known only once it has arrived is a pack of one ({@link #writeWhole}):
 * sent to a new pack key while it arrives, it needs no copy to its sha256's key.
 *
 * <p>Writing ({@link #write}): the pack is announced in the index, uploaded whole in one PUT
 * streamed from the blobs' staging files (no byte of it held in memory), and only then do the
 * blobs' index documents point to it; a crash in between leaves an announced pack no blob
 * points to, which {@link #sweep} deletes once the grace period has passed (on the collector's
 * thread, under its lease: one node at a time). Reading ({@link #open}): a ranged GET of the
 * pack. Removing ({@link #remove}): the blob's document goes, and the pack object with its last
 * blob.
 */
final class S3Packs {

    /**
     * Blobs of at most this many bytes are packed. At this size a blob's PUT is all request
     * overhead (on AWS S3 a request's latency, tens of ms, and its price, against about a
     * millisecond to send 64 KiB), while above it a loose object keeps what packing costs:
     * presigned downloads (a presigned URL cannot name a range of an object) and space freed as
     * soon as the blob goes (a pack's object goes with its last blob; packs are not rewritten).
     * The files of bench/scale.sh's uploads, configuration and text files of models, are
     * below it; weights are far above.
     */
    static final long PACKED_MAX = 64 << 10;
    /** Bytes of one pack at most: the default sync batch ({@code modellibrary.storage.sync-batch-bytes}); one PUT. */
    static final long PACK_MAX = 64L << 20;
    /** Packs checked per sweep step; the step is repeated while it finds this many. */
    static final int SWEEP_LIMIT = 100;
    private static final Logger log = LoggerFactory.getLogger(S3Packs.class);

    private final S3Client client;
    private final String bucket;
    private final String keyPrefix;
    private final PackIndex index;

    /** Packs in {@code bucket} under {@code prefix} (normalised: no leading or trailing {@code /}). */
    S3Packs(S3Client client, String bucket, String prefix, PackIndex index) {
        this.client = client;
        this.bucket = bucket;
        this.keyPrefix = (prefix.isEmpty() ? "" : prefix + "/") + "packs/";
        this.index = index;
    }

    /** The blob's place, if it is packed. */
    Optional<PackIndex.Location> locate(String sha256) {
        return index.locate(sha256);
    }

    /** The packed blob's age in ms (see {@link BlobStore#ageMillis}). */
    long ageMillis(PackIndex.Location at) {
        return index.ageMillis(at);
    }

    /** Those of the blobs a repository or avatar uses (see {@link PackIndex#used}). */
    java.util.Set<String> used(java.util.Collection<String> sha256s) {
        return index.used(sha256s);
    }

    /** The places of those of the blobs that are packed. */
    java.util.Map<String, PackIndex.Location> locateAll(java.util.Collection<String> sha256s) {
        return index.locateAll(sha256s);
    }

    /**
     * Uploads the staged blobs as packs of at most {@value #PACK_MAX} bytes and points them
     * there (a pack none of whose blobs the index takes, all packed already, is deleted again).
     * Returns once every one of them is readable; on failure, none of the blobs of the
     * failing pack is (those of packs written before are, and listed for the collector by the
     * writer).
     */
    void write(List<BlobStore.Staged> blobs) throws IOException {
        List<BlobStore.Staged> pack = new ArrayList<>();
        long bytes = 0;
        for (BlobStore.Staged s : blobs) {
            if (!pack.isEmpty() && bytes + s.size() > PACK_MAX) {
                writePack(pack, bytes);
                pack = new ArrayList<>();
                bytes = 0;
            }
            pack.add(s);
            bytes += s.size();
        }
        if (!pack.isEmpty()) {
            writePack(pack, bytes);
        }
    }

    private void writePack(List<BlobStore.Staged> blobs, long bytes) throws IOException {
        String key = newKey();
        index.opening(key);
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentLength(bytes),
                    RequestBody.fromContentProvider(new S3PartUpload.Slices(blobs.stream()
                            .map(s -> new S3PartUpload.Slices.Slice(s.temp(), 0, s.size())).toList()), bytes, "application/octet-stream"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw new IOException("cannot store a pack of " + blobs.size() + " blobs in bucket " + bucket + ": " + e.getMessage(), e);
        }
        List<PackIndex.Entry> entries = new ArrayList<>(blobs.size());
        long offset = 0;
        for (BlobStore.Staged s : blobs) {
            entries.add(new PackIndex.Entry(s.sha256(), offset, s.size()));
            offset += s.size();
        }
        record(key, entries);
    }

    /** A key for a new pack: {@code <prefix>/packs/<random uuid>}. */
    String newKey() {
        return keyPrefix + UUID.randomUUID();
    }

    /**
     * Completes a multipart upload to a key of {@link #newKey} that holds one whole blob, sent
     * while its body arrived (its sha256 known only at the end: {@link S3BlobStore#stage(InputStream, long)}),
     * and points the blob there: a pack of one, offset 0, its size the whole object's, so that
     * no copy to the sha256's key is needed. Announced in the index before the completion, as
     * {@link #write} announces before its PUT, so that a crash before the blob points to it
     * leaves the object to the sweep. Another upload that recorded the blob meanwhile keeps its
     * place and this object is deleted at once.
     *
     * @throws IOException when the upload cannot be completed (it is aborted; the announcement
     *                     stays for the sweep, which deletes the object if the completion did land)
     */
    void writeWhole(String sha256, long size, S3PartUpload upload) throws IOException {
        String key = upload.key();
        index.opening(key);
        try {
            upload.complete();
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
        record(key, List.of(new PackIndex.Entry(sha256, 0, size, true)));
    }

    /**
     * Points the blobs to the pack uploaded whole at {@code key}. A pack none of whose blobs the
     * index takes (all recorded by other uploads meanwhile) is deleted at once, so that content
     * published twice is stored once (else the sweep, where it is due now); one the sweep removed
     * from the index while it was being uploaded (an upload longer than the grace period) is
     * announced again and deleted, since nothing else would, and the failure thrown.
     */
    private void record(String key, List<PackIndex.Entry> entries) throws IOException {
        long recorded;
        try {
            recorded = index.record(key, entries);
        } catch (IOException swept) {
            index.opening(key); // should the deletion fail, a later sweep deletes it
            deleteQuietly(key, "was swept while it was being uploaded");
            throw swept;
        }
        if (recorded == 0) {
            deleteQuietly(key, "has no blob pointing to it");
        }
    }

    private void deleteQuietly(String key, String why) {
        try {
            deletePack(key);
        } catch (IOException e) {
            log.warn("Cannot delete the pack {}, which {}; the next sweep tries again", key, why, e);
        }
    }

    /**
     * Bytes {@code [offset, offset + length)} of the packed blob, cut at its end: one ranged GET of
     * its pack (none for an empty range).
     *
     * @throws NoSuchFileException when the pack is gone (the blob was collected meanwhile)
     */
    InputStream open(String sha256, PackIndex.Location at, long offset, long length) throws IOException {
        long end = Math.min(at.size(), offset + length);
        if (offset >= end) {
            return InputStream.nullInputStream();
        }
        String range = "bytes=" + (at.offset() + offset) + "-" + (at.offset() + end - 1);
        try {
            return client.getObject(b -> b.bucket(bucket).key(at.pack()).range(range));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(sha256);
            }
            throw new IOException("cannot read blob " + sha256 + " from pack " + at.pack() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the packed blob, and its pack's object when it was the last blob there. */
    void remove(String sha256, PackIndex.Location at) throws IOException {
        Optional<String> empty = index.remove(sha256, at);
        if (empty.isPresent()) {
            deletePack(empty.get());
        }
    }

    /**
     * Deletes up to {@value #SWEEP_LIMIT} packs due for a check at {@code now} that no blob
     * points to (an upload that died between its PUT and its index, a removal cut short), and
     * settles the count of the others. True while more may be due. Runs on the collector's
     * thread ({@link BlobCollector#addTask}), under its lease.
     */
    boolean sweep(Instant now) {
        List<String> due = index.due(now, SWEEP_LIMIT);
        for (String pack : due) {
            long live = index.count(pack);
            if (live > 0) {
                index.settle(pack, live);
                continue;
            }
            try {
                deletePack(pack);
            } catch (IOException e) {
                log.warn("Cannot delete the unused pack {}; the next sweep tries again", pack, e);
                return false;
            }
        }
        return due.size() == SWEEP_LIMIT;
    }

    private void deletePack(String pack) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(pack));
        } catch (SdkException e) {
            throw new IOException("cannot delete pack " + pack + ": " + e.getMessage(), e);
        }
        index.dropped(pack);
    }
}
