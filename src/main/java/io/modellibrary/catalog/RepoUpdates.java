package io.modellibrary.catalog;

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

/**
 * What other features tell the catalogue about a repository: a download, a like, a new
 * commit. Counters move with atomic {@code $inc}; each also counts towards the day's
 * activity that trending reads.
 */
@Service
public class RepoUpdates {

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RepoUpdates(MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    /** One download of the repository (a request that starts at byte 0). */
    public void recordDownload(Repo repo) {
        mongo.updateFirst(byId(repo.getId()), activity().inc("downloads", 1), Repo.class);
        countActivity(repo, "downloads", 1);
        events.publishEvent(new RepoStatsChanged(repo.repoType()));
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
