package io.modellibrary.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trending: downloads plus likes over the last 7 days. Each download or like raises a
 * repository's {@code trendingScore} at once ({@link RepoUpdates}); this service
 * recomputes the scores from the daily activity every hour so that old activity falls out.
 */
@Service
class TrendingService {

    static final int SIZE = 20;
    static final int DAYS = 7;
    private static final Logger log = LoggerFactory.getLogger(TrendingService.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    TrendingService(MongoTemplate mongo, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
    }

    /**
     * Up to 20 public models and datasets, most recent activity first among equal
     * scores; when fewer than 20 had activity, the most downloaded fill the list.
     */
    List<RepoListItem> trending() {
        Query active = Query.query(Criteria.where("isPrivate").is(false).and("trendingScore").gt(0))
                .with(Sort.by(Sort.Order.desc("trendingScore"), Sort.Order.desc("lastActivityAt"), Sort.Order.asc("_id")))
                .limit(SIZE);
        List<Repo> repos = new ArrayList<>(mongo.find(active, Repo.class));
        if (repos.size() < SIZE) {
            Query fill = Query.query(Criteria.where("isPrivate").is(false).and("trendingScore").lte(0))
                    .with(Sort.by(Sort.Order.desc("downloads"), Sort.Order.asc("_id")))
                    .limit(SIZE - repos.size());
            repos.addAll(mongo.find(fill, Repo.class));
        }
        return repos.stream().map(RepoListItem::of).toList();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void recompute() {
        LocalDate since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(DAYS - 1);
        Map<String, Long> scores = new HashMap<>();
        for (RepoActivity day : mongo.find(Query.query(Criteria.where("day").gte(since)), RepoActivity.class)) {
            scores.merge(day.repoId(), day.total(), Long::sum);
        }
        mongo.updateMulti(Query.query(Criteria.where("trendingScore").ne(0).and("_id").nin(scores.keySet())),
                new Update().set("trendingScore", 0), Repo.class);
        scores.forEach((repoId, score) -> mongo.updateFirst(Query.query(Criteria.where("_id").is(repoId)),
                new Update().set("trendingScore", score), Repo.class));
        mongo.remove(Query.query(Criteria.where("day").lt(since.minusDays(30))), RepoActivity.class);
        log.debug("Recomputed trending scores of {} repositories", scores.size());
    }
}
