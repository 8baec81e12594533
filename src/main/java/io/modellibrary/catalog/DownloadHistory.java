package io.modellibrary.catalog;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A repository's downloads day by day, from the daily counters that {@link RepoUpdates} keeps
 * for trending ({@link RepoActivity}; kept 37 days by {@link TrendingService}).
 */
@Service
public class DownloadHistory {

    /** The most days answered: the daily counters are kept no longer than this and a week. */
    public static final int MAX_DAYS = 30;

    private final MongoTemplate mongo;
    private final Clock clock;

    DownloadHistory(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Downloads on one UTC day. */
    public record Day(LocalDate day, long downloads) {
    }

    /**
     * The last {@code days} UTC days (1 to {@value #MAX_DAYS}), today included, oldest first;
     * a day without downloads is 0. The caller has found {@code repo} visible already.
     */
    public List<Day> lastDays(Repo repo, int days) {
        int count = Math.max(1, Math.min(days, MAX_DAYS));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate since = today.minusDays(count - 1L);
        Map<LocalDate, Long> counted = new HashMap<>();
        Query query = Query.query(Criteria.where("repoId").is(repo.getId()).and("day").gte(since));
        for (RepoActivity a : mongo.find(query, RepoActivity.class)) {
            counted.merge(a.day(), a.downloads() == null ? 0 : a.downloads(), Long::sum);
        }
        List<Day> out = new ArrayList<>(count);
        for (LocalDate d = since; !d.isAfter(today); d = d.plusDays(1)) {
            out.add(new Day(d, counted.getOrDefault(d, 0L)));
        }
        return out;
    }
}
