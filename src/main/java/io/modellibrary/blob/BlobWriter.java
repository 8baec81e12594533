package io.modellibrary.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One writer's blobs (an upload, a text edit): stored in batches, held by a lease in
 * MongoDB from before they are published until the writer's commit references them.
 * Per batch: lease every blob ({@link BlobIndex#lease}), list the new ones for the
 * collector (so that a crash before the commit cannot leave a file nothing will remove),
 * then publish them all with one sync. Call {@link #flush} before committing; after the
 * commit, {@link #committed}; always {@link #close}. Not thread-safe.
 */
public final class BlobWriter implements AutoCloseable {

    /** A blob at least this large (bytes) is published at once rather than batched. */
    static final long LARGE = 1 << 20;
    private static final int MAX_WAIT_ROUNDS = 1500;

    private final BlobStore store;
    private final BlobIndex index;
    private final BlobCollector collector;
    private final StorageProperties properties;
    private final String owner = UUID.randomUUID().toString();
    private final List<BlobStore.Staged> pending = new ArrayList<>();
    private final Map<String, Long> published = new LinkedHashMap<>();
    private long pendingBytes;
    private Instant renewed = Instant.EPOCH;

    BlobWriter(BlobStore store, BlobIndex index, BlobCollector collector, StorageProperties properties) {
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
        BlobStore.Staged staged = store.stage(in, maxSize);
        if (published.containsKey(staged.sha256()) || pending.stream().anyMatch(p -> p.sha256().equals(staged.sha256()))) {
            store.discard(staged);
            return new StoredBlob(staged.sha256(), staged.size());
        }
        pending.add(staged);
        pendingBytes += staged.size();
        if (staged.size() >= LARGE || pending.size() >= properties.syncBatchFiles() || pendingBytes >= properties.syncBatchBytes()) {
            flush();
        }
        return new StoredBlob(staged.sha256(), staged.size());
    }

    /** Leases, lists and publishes what is pending; renews the lease of what came before when due. */
    public void flush() throws IOException {
        renewIfDue();
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> sizes = new HashMap<>();
        pending.forEach(p -> sizes.put(p.sha256(), p.size()));
        leaseWaitingForDeletions(sizes);
        List<String> fresh = pending.stream().map(BlobStore.Staged::sha256).filter(sha -> !store.exists(sha)).toList();
        index.addCandidates(fresh, Instant.now().plus(properties.grace()), owner);
        store.publish(pending);
        published.putAll(sizes);
        pending.clear();
        pendingBytes = 0;
    }

    /** Every blob this writer has published, sha256 → size in bytes. */
    public Map<String, Long> stored() {
        return Map.copyOf(published);
    }

    /** The writer's commit references its blobs now: its own collector entries can go. */
    public void committed() {
        index.removeCandidates(published.keySet(), owner);
    }

    /** Drops what was never published; published blobs stay listed for the collector. */
    @Override
    public void close() {
        pending.forEach(store::discard);
        pending.clear();
    }

    private void renewIfDue() {
        Duration lease = properties.lease();
        Instant now = Instant.now();
        if (!published.isEmpty() && now.isAfter(renewed.plus(lease.dividedBy(3)))) {
            Set<String> refused = index.lease(published, now.plus(lease));
            if (!refused.isEmpty()) {
                throw new IllegalStateException("the lease on " + refused.size() + " blobs of this upload ran out");
            }
            renewed = now;
        }
    }

    private void leaseWaitingForDeletions(Map<String, Long> sizes) throws IOException {
        Map<String, Long> todo = new HashMap<>(sizes);
        for (int round = 0; !todo.isEmpty(); round++) {
            Instant until = Instant.now().plus(properties.lease());
            Set<String> refused = index.lease(todo, until);
            todo.keySet().retainAll(refused);
            if (todo.isEmpty()) {
                break;
            }
            if (round >= MAX_WAIT_ROUNDS) {
                throw new IOException("blobs are being collected and did not come free");
            }
            collector.wake();
            pause();
        }
        renewed = published.isEmpty() ? Instant.now() : renewed;
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
