package io.modellibrary.blob;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * Copies every blob of a {@link DiskBlobStore} into an {@link S3BlobStore} and proves each copy
 * by reading it back: the {@code migrate-blobs} command ({@link MigrateBlobsCommand}).
 *
 * <p>Per blob, in the disk store's order: when the progress record ({@value #RECORDS}, one
 * document per blob and target: {@code _id} = {@code <target>/<sha256>}, {@code size},
 * {@code verified}) says it was verified in this target and a HEAD still finds it with its
 * size, it is skipped. Otherwise an object already under its key is read back and hashed: whole
 * and right, it is recorded; anything else is reported as corrupt, deleted and sent again. A
 * blob is sent through the S3 store's own write path ({@link S3BlobStore#stage}, which hashes
 * the disk file on the way: a file whose content is not its name is reported damaged and not
 * sent; then {@link S3BlobStore#publish}), read back from the bucket whole and hashed, and
 * recorded only when the hash and the size match. The record is what makes a run resumable: an
 * interrupted run (the store unreachable, the process stopped) leaves at most the blobs in
 * flight unrecorded, and the next run checks them by reading them back.
 *
 * <p>Blobs go {@code threads} at once (default {@value #DEFAULT_THREADS}), each through all of the
 * steps above on its own: a small blob costs several requests (a HEAD, a PUT with the store's own
 * HEAD before it, a GET) and database round trips, each waiting on the other side, so one at a
 * time moved 1,269 small blobs (235 MB) into S3Proxy at about 8 a second (docs/decisions.md,
 * "Session 17 (leftovers)"). At most {@code threads} blobs are in flight; after a failure no
 * further blob is begun, those in flight end, and the run stops.
 *
 * <p>Progress goes to {@code out} every {@link #PROGRESS_EVERY} and at the end a summary.
 * Blobs the collector deletes from the disk while the run goes are counted as gone.
 */
public final class BlobMigration {

    /** The progress records' collection. */
    public static final String RECORDS = "blobMigration";
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Blobs copied at once unless the command says otherwise. */
    public static final int DEFAULT_THREADS = 8;
    private static final int READ_BUFFER = 1 << 20;

    private final DiskBlobStore source;
    private final S3BlobStore target;
    private final String targetName;
    private final MongoCollection<Document> records;
    private final PrintStream out;
    private final Clock clock;
    private final int threads;

    /** A migration of {@value #DEFAULT_THREADS} blobs at once (see the other constructor). */
    public BlobMigration(DiskBlobStore source, S3BlobStore target, String targetName, MongoCollection<Document> records,
                         PrintStream out, Clock clock) {
        this(source, target, targetName, records, out, clock, DEFAULT_THREADS);
    }

    /**
     * @param targetName names the bucket and prefix in the records ({@code <bucket>/<prefix>}), so that a
     *                   migration to another bucket starts afresh
     * @param threads    blobs copied at once, at least 1
     */
    public BlobMigration(DiskBlobStore source, S3BlobStore target, String targetName, MongoCollection<Document> records,
                         PrintStream out, Clock clock, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        this.source = source;
        this.target = target;
        this.targetName = targetName;
        this.records = records;
        this.out = out;
        this.clock = clock;
    }

    /**
     * What a run did, in blobs (and bytes sent).
     *
     * @param total     blobs found on the disk at the start
     * @param copied    sent and verified
     * @param present   already in the bucket, verified now by reading them back
     * @param skipped   verified by an earlier run and still there
     * @param corrupt   found in the bucket with other content or size: deleted and sent again (also in copied)
     * @param damaged   on the disk with content that does not match their name: not sent
     * @param failed    sent but not read back right
     * @param gone      deleted from the disk (by the collector) before their turn
     * @param bytesSent bytes uploaded
     * @param stopped   why the run stopped before the end (the store unreachable), or null
     */
    public record Summary(long total, long copied, long present, long skipped, long corrupt, long damaged, long failed,
                          long gone, long bytesSent, String stopped) {

        /** True when every blob of the disk is in the bucket and verified. */
        public boolean complete() {
            return stopped == null && damaged == 0 && failed == 0;
        }
    }

    /** Runs the migration to its end, or until the bucket cannot be reached. */
    public Summary run() throws IOException {
        long total;
        try (Stream<String> all = source.walk("")) {
            total = all.count();
        }
        out.printf("migrate-blobs: %d blobs on disk to %s%n", total, targetName);
        Counts counts = new Counts();
        Progress progress = new Progress(total, counts);
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "migrate-blobs-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(threads);
        try (Stream<String> all = source.walk("")) {
            for (String sha256 : (Iterable<String>) all::iterator) {
                inFlight.acquireUninterruptibly();
                if (counts.stopped.get() != null) {
                    inFlight.release();
                    break;
                }
                pool.execute(() -> {
                    try {
                        migrate(sha256, counts);
                        counts.done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        counts.stopped.compareAndSet(null, sha256 + ": " + e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                });
                progress.maybePrint();
            }
        } finally {
            pool.shutdown();
            while (!awaitTermination(pool)) {
                progress.maybePrint();
            }
        }
        Summary summary = counts.summary(total);
        print(summary);
        return summary;
    }

    /** Waits a second for the pool's last blobs; true once they ended. */
    private static boolean awaitTermination(ExecutorService pool) {
        try {
            return pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            return true;
        }
    }

    /** Prints the progress line at most every {@link #PROGRESS_EVERY} (from the thread that hands out the blobs). */
    private final class Progress {
        private final long total;
        private final Counts counts;
        private Instant last = clock.instant();

        Progress(long total, Counts counts) {
            this.total = total;
            this.counts = counts;
        }

        void maybePrint() {
            if (Duration.between(last, clock.instant()).compareTo(PROGRESS_EVERY) >= 0) {
                last = clock.instant();
                out.printf("migrate-blobs: %d of %d blobs done, %d bytes sent%n", counts.done.get(), total, counts.bytesSent.get());
            }
        }
    }

    private void migrate(String sha256, Counts counts) throws IOException {
        long size = source.size(sha256);
        if (size < 0) {
            counts.gone.incrementAndGet();
            return;
        }
        String id = targetName + "/" + sha256;
        Document record = records.find(eq("_id", id)).first();
        long there = target.size(sha256);
        if (record != null && record.get("size", Number.class).longValue() == size && there == size) {
            counts.skipped.incrementAndGet();
            return;
        }
        if (there >= 0) {
            if (there == size && sha256.equals(readBack(sha256, size))) {
                record(id, size);
                counts.present.incrementAndGet();
                return;
            }
            out.printf("migrate-blobs: CORRUPT in the bucket: %s (%d bytes there, %d expected); sending it again%n", sha256, there, size);
            counts.corrupt.incrementAndGet();
            target.delete(sha256);
        }
        send(sha256, size, id, counts);
    }

    private void send(String sha256, long size, String id, Counts counts) throws IOException {
        BlobStore.Staged staged;
        try (InputStream in = Files.newInputStream(source.path(sha256))) {
            staged = target.stage(in, size);
        } catch (java.nio.file.NoSuchFileException e) {
            counts.gone.incrementAndGet();
            return;
        } catch (BlobTooLargeException e) {
            staged = null;
        }
        if (staged == null || !staged.sha256().equals(sha256) || staged.size() != size) {
            if (staged != null) {
                target.discard(staged);
            }
            out.printf("migrate-blobs: DAMAGED on disk: %s does not hash to its name; not sent (restore it from a backup)%n", sha256);
            counts.damaged.incrementAndGet();
            return;
        }
        target.publish(List.of(staged));
        counts.bytesSent.addAndGet(size);
        if (!sha256.equals(readBack(sha256, size))) {
            out.printf("migrate-blobs: FAILED: %s reads back from the bucket with other content%n", sha256);
            counts.failed.incrementAndGet();
            return;
        }
        record(id, size);
        counts.copied.incrementAndGet();
    }

    /** The sha256 of the object's bytes as the bucket serves them (null when it is not {@code size} bytes long). */
    private String readBack(String sha256, long size) throws IOException {
        MessageDigest digest = DiskBlobStore.sha256();
        long read = 0;
        try (InputStream in = target.open(sha256, 0, size)) {
            byte[] buffer = new byte[READ_BUFFER];
            for (int n; (n = in.read(buffer)) > 0; read += n) {
                digest.update(buffer, 0, n);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return read == size ? HexFormat.of().formatHex(digest.digest()) : null;
    }

    private void record(String id, long size) {
        records.replaceOne(eq("_id", id), new Document("_id", id).append("size", size).append("verified", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
    }

    private void print(Summary s) {
        out.printf("migrate-blobs: %d blobs on disk: %d copied (%d bytes), %d already in the bucket, %d verified before,"
                        + " %d corrupt in the bucket and sent again, %d damaged on disk, %d failed to verify, %d gone%n",
                s.total(), s.copied(), s.bytesSent(), s.present(), s.skipped(), s.corrupt(), s.damaged(), s.failed(), s.gone());
        if (s.stopped() != null) {
            out.printf("migrate-blobs: STOPPED at %s%nmigrate-blobs: run the command again to resume%n", s.stopped());
        } else if (s.complete()) {
            out.println("migrate-blobs: complete: every blob is in the bucket and verified");
        }
    }

    /** Running totals of one run, counted by its threads. */
    private static final class Counts {
        final AtomicLong done = new AtomicLong();
        final AtomicLong copied = new AtomicLong();
        final AtomicLong present = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong corrupt = new AtomicLong();
        final AtomicLong damaged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong gone = new AtomicLong();
        final AtomicLong bytesSent = new AtomicLong();
        /** The first failure that stopped the run. */
        final AtomicReference<String> stopped = new AtomicReference<>();

        Summary summary(long total) {
            return new Summary(total, copied.get(), present.get(), skipped.get(), corrupt.get(), damaged.get(), failed.get(),
                    gone.get(), bytesSent.get(), stopped.get());
        }
    }
}
