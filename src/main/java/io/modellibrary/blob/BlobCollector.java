package io.modellibrary.blob;

import com.mongodb.MongoInterruptedException;
import io.modellibrary.common.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.bson.Document;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Removes blobs nothing uses, on one background daemon thread: every
 * {@code modellibrary.storage.gc-interval} and whenever {@link #wake woken} (after commits
 * and repository deletions). Each run records the references commits announced, runs the
 * background tasks (repository deletions), then works through the due {@code gcCandidates}
 * documents, {@value #BATCH} at a time, never scanning blobs or commits. A blob goes when it
 * has no repository, no live lease and is older than the grace period (a file without a
 * document: when the file is older than that): claim it ({@link BlobIndex#claim}), read its
 * document again, delete the file, the document, the claim. A crash anywhere leaves the
 * candidate (and maybe a claim, taken over as stale by the next run), so the next run
 * finishes the job. Shutdown never waits: the thread is a daemon and stops between
 * candidates when interrupted.
 *
 * <p>Servers sharing a database collect one at a time: a run first takes the
 * {@link CollectorLease} (a MongoDB document with an expiry, renewed while the run works), and
 * skips when another server holds it; the candidates wait in the database for the next run,
 * here or there. A run that cannot renew its lease stops at once. Claims carry the run's
 * tenure, so a claim of any earlier run (one that died, or lost its lease) is stale and
 * this run finishes it.
 *
 * <p>Other work that must run in the background (repository deletions) registers as a
 * {@linkplain #addTask task}; tasks run before the candidates of each round.
 */
@Component
public class BlobCollector implements AutoCloseable {

    static final int BATCH = 500;
    /**
     * Blobs handled per database round trip: small, so that a request never waits long
     * behind the collector on the embedded database, whose collections serve one command
     * at a time (bench/scale.sh: "other requests during the reclaim").
     */
    public static final int SLICE = 50;
    private static final Logger log = LoggerFactory.getLogger(BlobCollector.class);

    private final BlobStore store;
    private final BlobIndex index;
    private final StorageProperties properties;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final List<BooleanSupplier> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CollectorLease lease;
    /** The tenure of the running run's lease (null between runs) and when it was last renewed. */
    private String tenure;
    private Instant renewed;
    private final Foreground foreground;
    private final Clock clock;
    /** This process's start (wall clock, as {@code markedAt}): older unconfirmed commit marks were left by a crash. */
    private final long started = System.currentTimeMillis();
    private boolean paced;
    private volatile PendingObjects pending;

    BlobCollector(BlobStore store, BlobIndex index, StorageProperties properties, CollectorLease lease,
                  org.springframework.beans.factory.ObjectProvider<Foreground> foreground, Clock clock) {
        this.clock = clock;
        this.lease = lease;
        this.foreground = foreground.getIfAvailable(() -> since -> true);
        this.store = store;
        this.index = index;
        this.properties = properties;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blob-collector");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        if (store instanceof S3BlobStore s3) {
            addTask(() -> s3.sweepPacks(clock.instant())); // packs no blob points to (a crash): one node at a time, under the lease
        }
        long every = properties.gcInterval().toMillis();
        executor.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
    }

    /** Blobs stored for a later commit are held by these records too (set once at start). */
    void setPendingObjects(PendingObjects pending) {
        this.pending = pending;
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

    /**
     * One whole run on the caller's thread, not paced (tests): references to record, tasks,
     * then every due candidate. Answers how many blobs were removed.
     */
    public int collectNow() {
        return measured(false);
    }

    /** {@link #run}, recorded in {@link BlobMetrics} (runs, their duration, blobs removed). */
    private int measured(boolean pace) {
        long start = System.nanoTime();
        int removed = run(pace);
        BlobMetrics.collected(removed, System.nanoTime() - start);
        return removed;
    }

    /**
     * {@link #collectNow}, paced or not: a paced run (the background's) yields to requests
     * after each slice of work (see {@link #pace}). Nothing happens (0) while another server
     * holds the {@link CollectorLease}.
     */
    private synchronized int run(boolean pace) {
        Optional<String> taken = lease.take();
        if (taken.isEmpty()) {
            log.debug("Another server is collecting blobs; this run is skipped");
            return 0;
        }
        tenure = taken.get();
        renewed = clock.instant();
        try {
            return collectAll(pace);
        } finally {
            lease.release(tenure);
            tenure = null;
        }
    }

    private int collectAll(boolean pace) {
        paced = pace;
        recordReferences();
        for (BooleanSupplier task : tasks) {
            while (!stopping() && task.getAsBoolean()) {
                recordReferences();
            }
        }
        int removed = 0;
        Set<String> seen = new HashSet<>();
        for (List<Document> batch = index.dueCandidates(clock.instant(), BATCH); !batch.isEmpty();
             batch = index.dueCandidates(clock.instant(), BATCH)) {
            boolean progress = false;
            for (Document candidate : batch) {
                if (stopping()) {
                    return removed;
                }
                progress |= seen.add(candidate.getString("_id"));
                removed += collect(candidate);
            }
            if (!progress) {
                break;
            }
        }
        return removed;
    }

    /**
     * Turns the candidates a commit references into references blob by blob, {@value #SLICE}
     * at a time (repeating a slice after a crash is harmless).
     */
    private void recordReferences() {
        Date processStart = new Date(started);
        for (List<Document> batch = index.referencedCandidates(processStart, 50); !batch.isEmpty();
             batch = index.referencedCandidates(processStart, 50)) {
            for (Document candidate : batch) {
                List<String> shas = candidate.getList("shas", String.class);
                List<Long> sizes = candidate.getList("sizes", Long.class);
                for (int from = 0; from < shas.size(); from += SLICE) {
                    if (stopping()) {
                        return; // the candidate stays, the next run records it
                    }
                    long start = System.nanoTime();
                    Map<String, Long> bySha = new LinkedHashMap<>();
                    for (int i = from; i < Math.min(shas.size(), from + SLICE); i++) {
                        bySha.put(shas.get(i), sizes.get(i));
                    }
                    index.referenceAll(candidate.getString("repo"), bySha);
                    pace(start);
                }
                index.removeCandidate(candidate.getString("_id"));
            }
        }
    }

    /**
     * In a background run while requests are being served, sleeps as long as the work since
     * {@code startNanos} took (at least 1 ms), so that the collector and its tasks use about
     * half of the time; on an idle server, and in {@link #collectNow}, does nothing. Called on
     * the collector's thread after each slice of work.
     */
    public void pace(long startNanos) {
        if (!paced || !foreground.activeSince(startNanos)) {
            return;
        }
        long worked = System.nanoTime() - startNanos;
        try {
            Thread.sleep(Math.max(1, worked / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely() {
        try {
            int removed = measured(true);
            if (removed > 0) {
                log.info("Collected {} unused blobs", removed);
            }
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                // a stop (SIGTERM) interrupts the run mid-request: expected, and the next run resumes it
                log.info("Blob collection stopped by the shutdown; it resumes at the next run");
                return;
            }
            log.warn("Blob collection failed; it resumes at the next run", e);
        }
    }

    /** True when the run's thread was interrupted (the executor's shutdown) or {@code e} comes from an interrupt. */
    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        return Causes.find(e, t -> t instanceof InterruptedException || t instanceof InterruptedIOException
                || t instanceof ClosedByInterruptException || t instanceof MongoInterruptedException).isPresent();
    }

    /** Handles one candidate document, {@value #SLICE} blobs at a time; answers how many blobs went. */
    private int collect(Document candidate) {
        List<String> shas = candidate.getList("shas", String.class);
        String dropped = candidate.getString("dropped");
        Map<String, Instant> later = new LinkedHashMap<>();
        int removed = 0;
        for (int from = 0; from < shas.size(); from += SLICE) {
            long start = System.nanoTime();
            List<String> slice = shas.subList(from, Math.min(shas.size(), from + SLICE));
            Map<String, Document> docs = index.find(slice);
            Instant now = clock.instant();
            List<String> unused = new ArrayList<>();
            List<String> stillUsed = new ArrayList<>();
            for (String sha : slice) {
                Document doc = docs.get(sha);
                if (dropped != null && doc != null && usedBeyond(doc, dropped)) {
                    stillUsed.add(sha);
                    continue;
                }
                Instant due = dueTime(sha, doc, dropped, now);
                if (due == null) {
                    unused.add(sha);
                } else if (due.isAfter(Instant.EPOCH)) {
                    later.put(sha, due);
                }
            }
            if (!stillUsed.isEmpty()) {
                index.dropRepository(dropped, stillUsed);
            }
            removed += remove(unused, now, later);
            pace(start);
            if (stopping()) {
                return removed; // the candidate stays whole; the next run repeats it
            }
        }
        if (later.isEmpty()) {
            index.removeHandledCandidate(candidate);
        } else {
            index.narrowHandledCandidate(candidate, new ArrayList<>(later.keySet()),
                    later.values().stream().min(Instant::compareTo).orElse(clock.instant()));
        }
        return removed;
    }

    /**
     * Claims the unused blobs, then leaves those a writer holds or a {@link PendingObjects}
     * record holds (both read after the claims: see {@link BlobIndex}), and deletes the rest: file, document, claim. Answers how many went.
     */
    private int remove(List<String> unused, Instant now, Map<String, Instant> later) {
        if (unused.isEmpty()) {
            return 0;
        }
        Set<String> mine = new HashSet<>(unused);
        for (String taken : index.claim(unused, tenure)) {
            if (!staleClaim(taken)) {
                mine.remove(taken);
                later.put(taken, now.plus(properties.gcInterval()));
            }
        }
        Set<String> held = index.held(now);
        List<String> release = new ArrayList<>();
        for (String sha : List.copyOf(mine)) {
            if (held.contains(sha)) {
                mine.remove(sha);
                release.add(sha);
                later.put(sha, now.plus(properties.grace()).plusMillis(1));
            }
        }
        PendingObjects records = pending;
        if (records != null) {
            records.heldUntil(mine, now).forEach((sha, expires) -> {
                mine.remove(sha);
                release.add(sha);
                later.put(sha, expires.plusMillis(1));
            });
        }
        index.releaseClaims(release);
        if (!release.isEmpty()) {
            log.debug("Kept {} held blobs at {} (an upload's batch or a pending object), among them {}", release.size(), now,
                    release.subList(0, Math.min(10, release.size())));
        }
        List<String> gone = new ArrayList<>();
        for (String sha : mine) {
            try {
                store.delete(sha);
                log.debug("Deleted blob {}: no repository, no hold at {}", sha, now);
                gone.add(sha);
            } catch (IOException e) {
                log.warn("Cannot delete blob {}; retried later", sha, e);
                later.put(sha, now.plus(properties.gcInterval()));
            }
        }
        index.forget(gone);
        index.releaseClaims(mine);
        return gone.size();
    }

    /** True when a repository other than {@code dropped} uses the blob. */
    private static boolean usedBeyond(Document doc, String dropped) {
        List<?> repos = doc.getList("repos", Object.class);
        return repos != null && repos.stream().anyMatch(r -> !dropped.equals(r));
    }

    /**
     * Null when the blob may go now; EPOCH when it never needs to; else when to look again.
     * {@code dropped} (a deleted repository, or null) does not count as a user.
     */
    private Instant dueTime(String sha, Document doc, String dropped, Instant now) {
        if (doc == null) {
            long age = store.ageMillis(sha);
            if (age < 0) {
                if (staleClaim(sha)) {
                    index.releaseClaims(List.of(sha));
                }
                return Instant.EPOCH;
            }
            long left = properties.grace().toMillis() - age;
            return left > 0 ? now.plusMillis(left) : null;
        }
        List<?> repos = doc.getList("repos", Object.class);
        if (repos != null && repos.stream().anyMatch(r -> !r.equals(dropped))) {
            return Instant.EPOCH;
        }
        Instant old = instant(doc, "created", now).plus(properties.grace());
        return old.isAfter(now) ? old.plusMillis(1) : null;
    }

    /**
     * True when the run must stop: its thread is interrupted (shutdown), or its lease could not
     * be renewed (another server may be collecting). Renews the lease when due.
     */
    private boolean stopping() {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        Instant now = clock.instant();
        if (Duration.between(renewed, now).compareTo(CollectorLease.RENEW_EVERY) < 0) {
            return false;
        }
        if (!lease.renew(tenure)) {
            log.warn("Lost the blob collector's lease ({}); this run stops, the next run resumes", lease.owner());
            return true;
        }
        renewed = now;
        return false;
    }

    /** A claim of an earlier run (which died or lost its lease): this run finishes it. */
    private boolean staleClaim(String sha) {
        return index.claimTenure(sha).map(t -> !t.equals(tenure)).orElse(false);
    }

    private static Instant instant(Document doc, String field, Instant fallback) {
        Date value = doc.getDate(field);
        return value == null ? fallback : value.toInstant();
    }

    /** A writer for one upload or edit. */
    public BlobWriter writer() {
        return new BlobWriter(store, index, this, properties, clock);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
