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
 *
 * <p>A hold that ran out: a writer that stalled past its hold (a publish to a slow store, a
 * loaded machine) may find that the collector took its batches for those of a writer that died:
 * it removed a batch whose blob was not published yet (the file absent, nothing to delete), or
 * deleted a published blob. So after each write that relies on the hold (a publish, a renewal,
 * the commit's mark) the writer reads the clock: when the hold had run out by then, it lists
 * every batch again, whole, held anew (and marked, at the commit's mark), then waits for the
 * collector's claims on its blobs and checks that the store holds each one; a blob that went
 * fails the upload ({@link HoldLostException}, nothing committed). The collector, for its part, removes or
 * narrows a handled candidate only if no writer marked or held it again meanwhile
 * ({@link BlobIndex#removeHandledCandidate}). When the clock read after the write is still before
 * the hold's end, the write landed before any collector could find the batches due. Without this
 * a refused upload's blob published after its batch was removed stayed for ever
 * ({@code RaceSuiteTest}, under heavy load, with 300 ms holds; docs/decisions.md T10c).
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
    /** Every batch listed so far, its {@code gcCandidates} id → its blobs (sha256 → size). */
    private final Map<String, Map<String, Long>> batches = new LinkedHashMap<>();
    private long pendingBytes;
    private final Clock clock;
    private Instant renewed;
    /** When the hold on the batches ends (the earliest {@code notBefore} of theirs); null before the first. */
    private Instant heldUntil;

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
        if (size < 0) { // no size named: the store's "not stored" (-1) must never pass for a match
            throw new MissingBlobException(sha256, size);
        }
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
        if (!pending.isEmpty()) {
            publishPending();
        }
        holdAgainIfRunOut(null);
    }

    private void publishPending() throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        pending.values().forEach(p -> sizes.put(p.sha256(), p.size()));
        list(sizes);
        waitForDeletions(sizes.keySet());
        for (BlobStore.Staged p : pending.values()) {
            if (p.temp() == null && !store.exists(p.sha256())) {
                throw new HoldLostException("a blob was collected while this upload ran; send it again");
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
        list(adopted);
        waitForDeletions(adopted.keySet());
        for (Map.Entry<String, Long> blob : adopted.entrySet()) {
            if (store.size(blob.getKey()) != blob.getValue()) { // collected before the lease: gone
                throw new MissingBlobException(blob.getKey(), blob.getValue());
            }
        }
        published.putAll(adopted);
        adopted.clear();
    }

    /** Lists {@code sizes} as the writer's next batch, held for {@link #holdTime}. */
    private void list(Map<String, Long> sizes) {
        String batch = owner + ":" + batches.size();
        Instant until = clock.instant().plus(holdTime());
        index.writeCandidate(batch, sizes, until);
        batches.put(batch, new LinkedHashMap<>(sizes));
        heldUntil = heldUntil == null ? until : heldUntil;
    }

    /** Every blob this writer has published, sha256 → size in bytes. */
    public Map<String, Long> stored() {
        return Map.copyOf(published);
    }

    /**
     * Records, before the commit moves the head, that {@code repoId} will reference the
     * writer's blobs (one write per batch). The collector records it blob by blob soon after.
     */
    public void reference(String repoId) throws IOException {
        index.markCandidates(batches.keySet(), repoId);
        holdAgainIfRunOut(repoId);
    }

    /** The commit {@link #reference}d before landed: the collector may record its references now. */
    public void confirm() {
        index.confirmCandidates(batches.keySet());
    }

    /** Takes back {@link #reference} (the commit failed): the blobs are candidates for collection again. */
    public void unreference() {
        index.markCandidates(batches.keySet(), null);
    }

    /**
     * After a write that relies on the hold: when the hold had run out by now, lists every batch
     * again (marked for {@code repoId}'s commit unless null) and checks that none of the blobs was
     * collected (see the class comment, "a hold that ran out").
     *
     * @throws HoldLostException when the collector removed a published blob meanwhile (the batches are then unmarked)
     */
    private void holdAgainIfRunOut(String repoId) throws IOException {
        if (heldUntil == null || clock.instant().isBefore(heldUntil)) {
            return;
        }
        do {
            Instant now = clock.instant();
            Instant until = now.plus(holdTime());
            batches.forEach((id, sizes) -> index.holdAgain(id, sizes, until, repoId));
            renewed = now;
            heldUntil = until;
        } while (!clock.instant().isBefore(heldUntil));
        waitForDeletions(published.keySet());
        long gone = published.keySet().stream().filter(sha -> !store.exists(sha)).count();
        if (gone > 0) {
            if (repoId != null) {
                index.markCandidates(batches.keySet(), null);
            }
            throw new HoldLostException(gone + " blobs of this upload were collected while it ran longer than its hold ("
                    + holdTime() + "); send it again");
        }
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

    private void renewIfDue() throws IOException {
        Instant now = clock.instant();
        if (batches.isEmpty() || now.isBefore(renewed.plus(properties.lease().dividedBy(3)))) {
            return;
        }
        index.postponeCandidates(batches.keySet(), now.plus(holdTime()));
        holdAgainIfRunOut(null); // the postponement came too late: the collector may have handled the batches
        renewed = now;
        heldUntil = now.plus(holdTime());
    }

    /** Waits while the collector is deleting any of these blobs (their files are then written again). */
    private void waitForDeletions(Set<String> shas) throws IOException {
        for (int round = 0; !index.claimed(shas).isEmpty(); round++) {
            if (round >= MAX_WAIT_ROUNDS) {
                throw new HoldLostException("blobs of this upload are being collected and did not come free; send it again");
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
