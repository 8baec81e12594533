package io.modellibrary.demo;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.Versions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gives the demo repositories their files ({@link DemoContent}) through the real storage
 * engine (blob writer, versioned commits), on one background daemon thread started once
 * the application is up: the catalogue answers at once, the files appear within seconds.
 *
 * <p>{@link DemoCatalogue} lists the new repositories' ids in one {@code demoFiles}
 * document; this works through them by {@code _id} and removes the document when all are
 * done, holding a lease on it so that servers sharing the database do not work on the same
 * list at once. A repository whose head is not the demo's own unfinished sequence (someone else
 * committed, or it is complete) is skipped, so a restart mid-way finishes the rest and a
 * second run changes nothing. The thread stops between commits on shutdown (or when a test
 * context is paused; it goes on when started again) and is never waited for long. Off with
 * {@code modellibrary.demo-files=false}.
 */
@Component
class DemoFiles implements SmartLifecycle {

    static final String COLLECTION = "demoFiles";
    static final String PENDING = "pending";
    private static final Logger log = LoggerFactory.getLogger(DemoFiles.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final Versions versions;
    private final BlobCollector collector;
    private final boolean enabled;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean stopping;
    private final String owner = UUID.randomUUID().toString();

    DemoFiles(MongoTemplate mongo, Versions versions, BlobCollector collector, ModelLibraryProperties properties) {
        this.mongo = mongo;
        this.versions = versions;
        this.collector = collector;
        this.enabled = properties.demoFiles();
    }

    /** Lists the repositories that are to get demo files (called when the demo catalogue is loaded). */
    static void schedule(MongoTemplate mongo, List<String> repoIds) {
        mongo.save(new Document("_id", PENDING).append("repoIds", repoIds), COLLECTION);
    }

    @Override
    public void start() {
        stopping = false;
        if (!enabled || mongo.findById(PENDING, Document.class, COLLECTION) == null) {
            finished.countDown();
            return;
        }
        Thread t = new Thread(this::run, "demo-files");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000); // one commit at most; the database must outlive it to avoid noise
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        try { // the next start resumes at once rather than when the lease runs out
            mongo.updateFirst(Query.query(Criteria.where("_id").is(PENDING).and("owner").is(owner)),
                    new Update().set("leaseUntil", new Date(0)), COLLECTION);
        } catch (RuntimeException e) {
            log.debug("Demo files: lease not released ({}); it runs out by itself", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Waits up to {@code timeout} for the background work to end; true when it has (or never ran). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            fillPending();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.warn("Demo files stopped ({}); they resume at the next start", e.toString());
            }
        } finally {
            if (!stopping) {
                finished.countDown(); // a stopped run is not finished: a restart (a resumed test context) goes on
            }
        }
    }

    /**
     * Works through the listed repositories on the caller's thread (the background thread,
     * or a test); removes the list when every one succeeded.
     */
    void fillPending() {
        Document marker;
        while ((marker = lease()) == null) {
            // another server sharing the database is at it (or was, and crashed: its lease runs out)
            if (stopping || mongo.findById(PENDING, Document.class, COLLECTION) == null || !pause(LEASE.dividedBy(6))) {
                return;
            }
        }
        List<String> ids = marker.getList("repoIds", String.class);
        long started = System.nanoTime();
        long renewed = started;
        int filled = 0;
        int failed = 0;
        for (String id : ids) {
            if (stopping) {
                return;
            }
            if (System.nanoTime() - renewed > LEASE.toNanos() / 3) {
                lease();
                renewed = System.nanoTime();
            }
            try {
                filled += fill(id) ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                failed++;
                log.warn("Demo files for repository {} failed ({}); retried at the next start", id, e.toString());
            }
        }
        collector.wake();
        Query mine = Query.query(Criteria.where("_id").is(PENDING).and("owner").is(owner));
        if (failed == 0) {
            mongo.remove(mine, COLLECTION);
        } else {
            mongo.updateFirst(mine, new Update().set("leaseUntil", new Date(0)), COLLECTION);
        }
        log.info("Demo files: {} of {} repositories filled (the others had theirs) in {} ms", filled, ids.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Takes or renews this server's lease on the list (one {@code _id} update), so that
     * servers sharing a database do not fill the same repositories at once; null when
     * there is no list or another server holds it.
     */
    private Document lease() {
        Date now = new Date();
        Query free = Query.query(Criteria.where("_id").is(PENDING).orOperator(Criteria.where("owner").is(owner),
                Criteria.where("leaseUntil").exists(false), Criteria.where("leaseUntil").lt(now)));
        Update take = new Update().set("owner", owner).set("leaseUntil", new Date(now.getTime() + LEASE.toMillis()));
        return mongo.findAndModify(free, take, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
    }

    private static boolean pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes the repository's demo commits that are still missing; false when there is nothing to do. */
    private boolean fill(String repoId) throws IOException {
        Repo repo = mongo.findById(repoId, Repo.class);
        if (repo == null) {
            return false;
        }
        List<DemoContent.Commit> plan = DemoContent.of(repo);
        CommitDoc head = versions.resolve(repoId, Versions.MAIN).orElse(null);
        int from = head == null ? 0 : (int) head.seq();
        if (head != null && (from >= plan.size() || !repo.getOwner().equals(head.author())
                || !plan.get(from - 1).message().equals(head.message()))) {
            return false;
        }
        String parent = head == null ? null : head.id();
        Query exists = Query.query(Criteria.where("_id").is(repoId));
        List<DemoContent.Commit> missing = plan.subList(from, plan.size());
        // One writer for the repository's commits: one sync and one reference for all its blobs.
        try (BlobWriter writer = collector.writer()) {
            List<List<Edit>> edits = new ArrayList<>();
            for (DemoContent.Commit commit : missing) {
                List<Edit> commitEdits = new ArrayList<>();
                for (Map.Entry<String, byte[]> file : commit.files().entrySet()) {
                    byte[] bytes = file.getValue();
                    BlobWriter.StoredBlob blob = writer.store(new ByteArrayInputStream(bytes), bytes.length);
                    commitEdits.add(Edit.put(file.getKey(), blob.sha256(), blob.size()));
                }
                edits.add(commitEdits);
            }
            writer.flush();
            writer.reference(repoId);
            boolean committed = false;
            try {
                for (int i = 0; i < missing.size(); i++) {
                    if (stopping) {
                        return committed;
                    }
                    DemoContent.Commit commit = missing.get(i);
                    Versions.Outcome outcome = versions.commit(repoId, Versions.MAIN, repo.getOwner(), commit.message(),
                            parent, edits.get(i), () -> mongo.exists(exists, Repo.class), commit.time());
                    committed |= outcome.changed();
                    parent = outcome.commit() == null ? parent : outcome.commit().id();
                }
            } finally {
                // a mark left neither confirmed nor taken back would hold the blobs until a restart
                if (committed) {
                    writer.confirm(); // a commit made references some of them: they stay referenced
                } else {
                    writer.unreference(); // none landed: the repository references none of them, or all of them already
                }
            }
        }
        return true;
    }
}
