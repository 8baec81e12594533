package io.modellibrary.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What other features tell the catalogue about a repository: a download, a like, a new
 * commit. Counters move with atomic {@code $inc}; each also counts towards the day's
 * activity that trending reads. Downloads are written by a background thread, in the order
 * they were recorded; likes and changes before the caller returns.
 */
@Service
public class RepoUpdates implements AutoCloseable {

    /** Downloads waiting to be written; beyond this many the request thread writes its own. */
    private static final int PENDING_DOWNLOADS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RepoUpdates.class);

    private final ThreadPoolExecutor downloads = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(PENDING_DOWNLOADS), task -> {
                Thread thread = new Thread(task, "download-counts");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RepoUpdates(MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One download of the repository (a request that starts at byte 0), written soon after this
     * returns: the three writes (the counter, the day's activity, the catalogue's version) held
     * back a download's first byte by 5-10 ms on a loaded host, a tenth of a 512 MiB transfer
     * over loopback (bench/transfer.sh, issue 18). A repository deleted meanwhile is not counted;
     * a failed write is logged and the download stands.
     */
    public void recordDownload(Repo repo) {
        downloads.execute(() -> writeDownload(repo));
    }

    private void writeDownload(Repo repo) {
        try {
            if (mongo.updateFirst(byId(repo.getId()), activity().inc("downloads", 1), Repo.class).getMatchedCount() == 0) {
                return;
            }
            countActivity(repo, "downloads", 1);
            events.publishEvent(new RepoStatsChanged(repo.repoType()));
        } catch (RuntimeException e) {
            log.warn("A download of {} was not counted", repo.getName(), e);
        }
    }

    /**
     * Returns once the downloads recorded before this call are written (tests; the writes run
     * in order on one thread).
     *
     * @throws java.util.concurrent.TimeoutException when they take longer than 10 s
     */
    public void awaitDownloadsWritten() throws Exception {
        downloads.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /** Writes the downloads still waiting (at most 10 s) before the database goes away. */
    @Override
    public void close() throws InterruptedException {
        downloads.shutdown();
        if (!downloads.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("{} downloads were not counted before shutdown", downloads.getQueue().size());
        }
    }

    /** A like added (+1) or taken back (-1). */
    public void recordLike(Repo repo, int delta) {
        Update update = new Update().inc("likes", delta).inc("trendingScore", delta);
        if (delta > 0) {
            update.set("lastActivityAt", clock.instant());
        }
        mongo.updateFirst(byId(repo.getId()), update, Repo.class);
        countActivity(repo, "likes", delta);
        events.publishEvent(new RepoStatsChanged(repo.repoType()));
    }

    /** A commit (or any change) to the repository: its last change time and message. */
    public void recordChange(Repo repo, Instant when, String information) {
        mongo.updateFirst(byId(repo.getId()),
                new Update().set("lastModified", when).set("lastModifiedInformation", information), Repo.class);
        events.publishEvent(new RepoStatsChanged(repo.repoType()));
    }

    /** A download also counts towards trending, right away; {@link TrendingService} decays it. */
    private Update activity() {
        return new Update().inc("trendingScore", 1).set("lastActivityAt", clock.instant());
    }

    private void countActivity(Repo repo, String field, int delta) {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Query query = new Query(Criteria.where("repoId").is(repo.getId()).and("day").is(day));
        mongo.upsert(query, new Update().inc(field, delta).setOnInsert("type", repo.getType()), RepoActivity.class);
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
