package io.modellibrary.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One writer's blobs (an upload, a text edit), stored in sync batches. Per batch, before
 * anything is published, the batch is listed in one {@code gcCandidates} document due after
 * the grace period: until then it is the writer's lease on those blobs (the collector leaves
 * them alone), after it a list for the collector, so that a crash before the commit cannot
 * leave files nothing will remove. Then the claims of the collector are read: a blob it is
 * deleting right now is waited for and written again. Then the batch is published with one
 * sync. Before its commit moves the head the writer {@link #reference}s its batches with the
 * repository (one write per batch); the collector records the references blob by blob soon
 * after. A writer running longer than a third of the lease renews its batches at its next
 * flush. Not thread-safe.
 */
public final class BlobWriter implements AutoCloseable {

    /** A blob at least this large (bytes) is published at once rather than batched. */
    static final long LARGE = 1 << 20;
    private static final int MAX_WAIT_ROUNDS = 1500;

    private final BlobStore store;
    private final BlobIndex index;
    private final BlobCollector collector;
    private final StorageProperties properties;
    private final String owner = "u:" + UUID.randomUUID();
    /** Staged and not yet published, by sha256 (a map: a 20,000-file upload asks "already pending?" once a file). */
    private final Map<String, BlobStore.Staged> pending = new LinkedHashMap<>();
    private final Map<String, Long> published = new LinkedHashMap<>();
    private final Map<String, Long> adopted = new LinkedHashMap<>();
    private final List<String> batches = new ArrayList<>();
    private long pendingBytes;
    private final Clock clock;
    private Instant renewed;

    BlobWriter(BlobStore store, BlobIndex index, BlobCollector collector, StorageProperties properties, Clock clock) {
        this.clock = clock;
        this.renewed = clock.instant();
        this.store = store;
        this.index = index;
        this.collector = collector;
        this.properties = properties;
    }

    /** A stored blob: hex SHA-256 and size in bytes. */
    public record StoredBlob(String sha256, long size) {
    }

    /**
     * Stores the bytes of {@code in} (durable once {@link #flush} returns).
     *
     * @throws BlobTooLargeException over {@code maxSize} bytes
     */
    public StoredBlob store(InputStream in, long maxSize) throws IOException {
        return accept(store.stage(in, maxSize));
    }

    /**
     * {@link #store}, for content whose hash the client announced (a Git LFS object): when the
     * bytes hash to another sha256 or have another size, nothing is kept.
     *
     * @throws BlobMismatchException when the content is not {@code sha256} of {@code size} bytes
     * @throws BlobTooLargeException over {@code maxSize} bytes
     */
    public StoredBlob storeExpecting(InputStream in, long maxSize, String sha256, long size) throws IOException {
        BlobStore.Staged staged = store.stage(in, maxSize, sha256);
        if (!staged.sha256().equals(sha256) || staged.size() != size) {
            store.discard(staged);
            throw new BlobMismatchException(sha256, size, staged.sha256(), staged.size());
        }
        return accept(staged);
    }

    /**
     * Takes a blob stored by an earlier request (a Git LFS object) into this writer, as if it
     * had stored it: the next {@link #flush} leases it, waits for a collection deleting it,
     * and checks that the store holds it with {@code size} bytes; {@link #reference} then
     * covers it like the writer's own blobs.
     */
    public void adopt(String sha256, long size) {
        if (!published.containsKey(sha256)) {
            adopted.put(sha256, size);
        }
    }

    private StoredBlob accept(BlobStore.Staged staged) throws IOException {
        BlobMetrics.UPLOADED.increment(staged.size());
        if (published.containsKey(staged.sha256()) || pending.containsKey(staged.sha256())) {
            store.discard(staged);
            return new StoredBlob(staged.sha256(), staged.size());
        }
        pending.put(staged.sha256(), staged);
        pendingBytes += staged.size();
        if (staged.size() >= LARGE || pending.size() >= properties.syncBatchFiles() || pendingBytes >= properties.syncBatchBytes()) {
            flush();
        }
        return new StoredBlob(staged.sha256(), staged.size());
    }

    /**
     * Leases, lists and publishes what is pending, and leases what was {@link #adopt}ed;
     * renews the writer's hold when due.
     *
     * @throws MissingBlobException when an adopted blob is not stored with the size given (nothing is published then)
     */
    public void flush() throws IOException {
        renewIfDue();
        flushAdopted();
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        pending.values().forEach(p -> sizes.put(p.sha256(), p.size()));
        String batch = owner + ":" + batches.size();
        index.writeCandidate(batch, sizes, clock.instant().plus(holdTime()));
        batches.add(batch);
        waitForDeletions(sizes.keySet());
        for (BlobStore.Staged p : pending.values()) {
            if (p.temp() == null && !store.exists(p.sha256())) {
                throw new IOException("a blob was collected while this upload ran; send it again");
            }
        }
        store.publish(List.copyOf(pending.values()));
        published.putAll(sizes);
        pending.clear();
        pendingBytes = 0;
    }

    private void flushAdopted() throws IOException {
        if (adopted.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Long> blob : adopted.entrySet()) {
            if (store.size(blob.getKey()) != blob.getValue()) {
                throw new MissingBlobException(blob.getKey(), blob.getValue());
            }
        }
        String batch = owner + ":" + batches.size();
        index.writeCandidate(batch, adopted, Instant.now().plus(holdTime()));
        batches.add(batch);
        waitForDeletions(adopted.keySet());
        for (Map.Entry<String, Long> blob : adopted.entrySet()) {
            if (store.size(blob.getKey()) != blob.getValue()) { // collected before the lease: gone
                throw new MissingBlobException(blob.getKey(), blob.getValue());
            }
        }
        published.putAll(adopted);
        adopted.clear();
    }

    /** Every blob this writer has published, sha256 → size in bytes. */
    public Map<String, Long> stored() {
        return Map.copyOf(published);
    }

    /**
     * Records, before the commit moves the head, that {@code repoId} will reference the
     * writer's blobs (one write per batch). The collector records it blob by blob soon after.
     */
    public void reference(String repoId) {
        index.markCandidates(batches, repoId);
    }

    /** The commit {@link #reference}d before landed: the collector may record its references now. */
    public void confirm() {
        index.confirmCandidates(batches);
    }

    /** Takes back {@link #reference} (the commit failed): the blobs are candidates for collection again. */
    public void unreference() {
        index.markCandidates(batches, null);
    }

    /** Drops what was never published; published blobs stay listed for the collector. */
    @Override
    public void close() {
        pending.values().forEach(store::discard);
        pending.clear();
    }

    /** How long a batch is held without renewal: the lease, and never less than the grace period. */
    private java.time.Duration holdTime() {
        return properties.lease().compareTo(properties.grace()) > 0 ? properties.lease() : properties.grace();
    }

    private void renewIfDue() {
        Instant now = clock.instant();
        if (batches.isEmpty() || now.isBefore(renewed.plus(properties.lease().dividedBy(3)))) {
            return;
        }
        index.postponeCandidates(batches, now.plus(holdTime()));
        renewed = now;
    }

    /** Waits while the collector is deleting any of these blobs (their files are then written again). */
    private void waitForDeletions(Set<String> shas) throws IOException {
        for (int round = 0; !index.claimed(shas).isEmpty(); round++) {
            if (round >= MAX_WAIT_ROUNDS) {
                throw new IOException("blobs are being collected and did not come free");
            }
            collector.wake();
            pause();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a collection", e);
        }
    }
}
