package io.modellibrary.blob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Removes blobs nothing uses, on one background daemon thread: every
 * {@code modellibrary.storage.gc-interval} and whenever {@link #wake woken} (after a
 * repository deletion). Works from {@code gcCandidates} in batches of {@value #BATCH}, never
 * scanning blobs or commits. For each candidate: claim the blob
 * ({@link BlobIndex#claim}: unused, no live lease, older than the grace period), delete the
 * file, then the blob's document, then the candidate. A crash anywhere leaves the candidate,
 * so the next run finishes the job. Shutdown never waits for it: the thread is a daemon and
 * stops between candidates when interrupted.
 *
 * <p>Other work that must run in the background (repository deletions) registers as a
 * {@linkplain #addTask task}; tasks run before the candidates of each round.
 */
@Component
public class BlobCollector implements AutoCloseable {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(BlobCollector.class);

    private final BlobStore store;
    private final BlobIndex index;
    private final StorageProperties properties;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final List<BooleanSupplier> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();

    BlobCollector(BlobStore store, BlobIndex index, StorageProperties properties) {
        this.store = store;
        this.index = index;
        this.properties = properties;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blob-collector");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long every = properties.gcInterval().toMillis();
        executor.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
    }

    /** Background work run by the collector's thread; it answers true while it has more to do. */
    public void addTask(BooleanSupplier task) {
        tasks.add(task);
    }

    /** Asks for a run soon (at most one is queued). */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                runSafely();
            });
        }
    }

    /** One whole run on the caller's thread (tests, benchmarks): tasks, then every due candidate. */
    public synchronized int collectNow() {
        for (BooleanSupplier task : tasks) {
            while (task.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }
        int removed = 0;
        for (List<String> batch = index.dueCandidates(Instant.now(), BATCH); !batch.isEmpty();
             batch = index.dueCandidates(Instant.now(), BATCH)) {
            for (String candidate : batch) {
                if (Thread.currentThread().isInterrupted()) {
                    return removed;
                }
                removed += collect(candidate) ? 1 : 0;
            }
        }
        return removed;
    }

    private void runSafely() {
        try {
            int removed = collectNow();
            if (removed > 0) {
                log.info("Collected {} unused blobs", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Blob collection failed; it resumes at the next run", e);
        }
    }

    /** Handles one candidate; true if a blob was removed. */
    private boolean collect(String candidate) {
        String sha = candidate.substring(0, 64);
        Instant now = Instant.now();
        Instant youngest = now.minus(properties.grace());
        if (index.claim(sha, now, youngest)) {
            return remove(sha, candidate);
        }
        org.bson.Document doc = index.find(sha);
        if (doc == null) {
            long age = store.ageMillis(sha);
            if (age >= 0 && age < properties.grace().toMillis()) {
                index.postponeCandidate(candidate, now.plus(properties.grace()));
                return false;
            }
            if (age >= 0 && index.claimOrphan(sha)) {
                return remove(sha, candidate);
            }
            index.removeCandidate(candidate);
            return false;
        }
        if (BlobIndex.DELETING.equals(doc.getString("state"))) {
            return remove(sha, candidate);
        }
        List<?> repos = doc.getList("repos", Object.class);
        if (repos != null && !repos.isEmpty()) {
            index.removeCandidate(candidate);
            return false;
        }
        Instant lease = doc.getDate("leaseUntil") == null ? now : doc.getDate("leaseUntil").toInstant();
        Instant created = doc.getDate("created") == null ? now : doc.getDate("created").toInstant();
        Instant due = lease.isAfter(created.plus(properties.grace())) ? lease : created.plus(properties.grace());
        index.postponeCandidate(candidate, due.plusMillis(1));
        return false;
    }

    private boolean remove(String sha, String candidate) {
        try {
            store.delete(sha);
        } catch (IOException e) {
            log.warn("Cannot delete blob {}; retried later", sha, e);
            index.postponeCandidate(candidate, Instant.now().plus(properties.gcInterval()));
            return false;
        }
        index.forget(sha);
        index.removeCandidate(candidate);
        return true;
    }

    /** A writer for one upload or edit. */
    public BlobWriter writer() {
        return new BlobWriter(store, index, this, properties);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
