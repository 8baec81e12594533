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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What other features tell the catalogue about a repository: a download, a like, a new
 * commit. Counters move with atomic {@code $inc}; each also counts towards the day's
 * activity that trending reads. Downloads are written by a background thread shortly after
 * (together when several come at once); likes and changes before the caller returns.
 */
@Service
public class RepoUpdates implements AutoCloseable {

    /**
     * How long a download waits before it is written, with those that come meanwhile: the writes
     * then neither compete with the request that recorded it before its first byte nor cost one
     * round per download in a burst.
     */
    private static final long WRITE_DELAY_MS = 50;

    private static final Logger log = LoggerFactory.getLogger(RepoUpdates.class);

    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "download-counts");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Repo> downloaded = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
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
     * returns ({@value #WRITE_DELAY_MS} ms): the writes (the counter, the day's activity, the
     * catalogue's version) held back a download's first byte by 5-30 ms on a loaded host, where
     * the whole 512 MiB took 130-200 ms over loopback (bench/transfer.sh, issue 18). Downloads
     * waiting together are written as one {@code $inc} per repository. A repository deleted
     * meanwhile is not counted; a failed write is logged and the download stands.
     */
    public void recordDownload(Repo repo) {
        downloaded.add(repo);
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(this::writeDownloads, WRITE_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                writeDownloads();
            }
        }
    }

    /** The downloads recorded so far: per repository one counter and one activity write, per type one catalogue version. */
    private void writeDownloads() {
        writeScheduled.set(false);
        Map<String, Repo> repos = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Repo repo; (repo = downloaded.poll()) != null; ) {
            repos.putIfAbsent(repo.getId(), repo);
            counts.merge(repo.getId(), 1, Integer::sum);
        }
        Set<RepoType> changed = EnumSet.noneOf(RepoType.class);
        repos.forEach((id, repo) -> {
            if (writeCount(repo, counts.get(id))) {
                changed.add(repo.repoType());
            }
        });
        try {
            changed.forEach(type -> events.publishEvent(new RepoStatsChanged(type)));
        } catch (RuntimeException e) {
            log.warn("Lists may show the download counts of {} late", changed, e);
        }
    }

    private boolean writeCount(Repo repo, int count) {
        try {
            if (mongo.updateFirst(byId(repo.getId()), activity(count).inc("downloads", count), Repo.class).getMatchedCount() == 0) {
                return false;
            }
            countActivity(repo, "downloads", count);
            return true;
        } catch (RuntimeException e) {
            log.warn("{} downloads of {} were not counted", count, repo.getName(), e);
            return false;
        }
    }

    /**
     * Returns once the downloads recorded before this call are written (tests): a write is
     * scheduled {@value #WRITE_DELAY_MS} ms after the download that asked for it, and this call
     * waits for a task scheduled as long after it on the same thread.
     *
     * @throws java.util.concurrent.TimeoutException when they take longer than 10 s
     */
    public void awaitDownloadsWritten() throws Exception {
        writer.schedule(() -> { }, WRITE_DELAY_MS, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    }

    /** Writes the downloads still waiting (at most 10 s) before the database goes away. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("{} downloads were not counted before shutdown", downloaded.size());
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

    /** Downloads also count towards trending, right away; {@link TrendingService} decays them. */
    private Update activity(int downloads) {
        return new Update().inc("trendingScore", downloads).set("lastActivityAt", clock.instant());
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
