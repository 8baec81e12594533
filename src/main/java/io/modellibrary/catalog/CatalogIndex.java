package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The catalogue lists, answered from an in-memory copy of each type's repositories.
 *
 * <p>A catalogue query filters by labels, a name fragment and visibility, sorts by one of
 * six orders and counts the matches. Against the embedded database every such query was
 * two full scans that queue behind each other: about 40 requests/s on 10,000
 * repositories whatever the concurrency. In memory, with each label's repositories kept
 * as a bit set, the same query takes well under a millisecond.
 *
 * <p>Every change to a type's repositories increments that type's version, stored in
 * MongoDB ({@code catalogVersions}). A copy is used while its version is current: after
 * a repository is created, changed or removed through this server, callers wait for a
 * fresh copy (they see their own writes); otherwise the stored version is compared at
 * most every {@link #RECHECK}, by one caller while the others keep reading, so that
 * counters and several servers sharing one MongoDB show up within about a second. Both
 * databases are read the same way.
 */
@Service
class CatalogIndex {

    static final Duration RECHECK = Duration.ofSeconds(1);

    private final MongoTemplate mongo;
    private final RepoPermissions permissions;
    private final Object lock = new Object();
    private final Map<RepoType, Long> wanted = new EnumMap<>(RepoType.class);
    private final Map<RepoType, Snapshot> snapshots = new EnumMap<>(RepoType.class);
    private final Map<RepoType, CompletableFuture<Snapshot>> loads = new EnumMap<>(RepoType.class);

    CatalogIndex(MongoTemplate mongo, RepoPermissions permissions) {
        this.mongo = mongo;
        this.permissions = permissions;
        for (RepoType type : RepoType.values()) {
            wanted.put(type, 0L);
        }
    }

    /** A type's change counter as stored in MongoDB. */
    @Document("catalogVersions")
    record CatalogVersion(@Id String id, long version) {
    }

    record Page(List<RepoListItem> items, long total) {
    }

    /** One type's repositories and, for each label key, which of them carry it. */
    private record Snapshot(List<Repo> repos, Map<String, BitSet> byLabel, long version, long checkedAtNanos) {

        static Snapshot of(List<Repo> repos, long version) {
            Map<String, BitSet> byLabel = new HashMap<>();
            for (int i = 0; i < repos.size(); i++) {
                for (String key : repos.get(i).getLabelKeys()) {
                    byLabel.computeIfAbsent(key, k -> new BitSet()).set(i);
                }
            }
            return new Snapshot(repos, byLabel, version, System.nanoTime());
        }

        /** The repositories carrying every key, as positions in {@link #repos}. */
        BitSet carryingAll(List<String> keys) {
            BitSet result = new BitSet();
            result.set(0, repos.size());
            for (String key : keys) {
                result.and(byLabel.getOrDefault(key, new BitSet()));
            }
            return result;
        }

        boolean due() {
            return System.nanoTime() - checkedAtNanos > RECHECK.toNanos();
        }

        Snapshot checkedNow() {
            return new Snapshot(repos, byLabel, version, System.nanoTime());
        }
    }

    Page list(CatalogQuery query, CurrentUser user) {
        CatalogService.RepoPage page = repos(query, user);
        return new Page(page.repos().stream().map(RepoListItem::of).toList(), page.total());
    }

    /** {@link #list}, as the repositories. */
    CatalogService.RepoPage repos(CatalogQuery query, CurrentUser user) {
        Snapshot snapshot = snapshot(query.type());
        Predicate<Repo> visibleAndNamed = visibleAndNamed(query, user);
        List<Repo> matching = snapshot.carryingAll(query.labelKeys()).stream()
                .mapToObj(snapshot.repos()::get)
                .filter(visibleAndNamed)
                .sorted(query.sort().order())
                .toList();
        List<Repo> page = matching.stream()
                .skip(query.offset())
                .limit(CatalogQuery.PAGE_SIZE)
                .toList();
        return new CatalogService.RepoPage(page, matching.size());
    }

    /** A repository was created, changed or removed here: the next list waits for a fresh copy. */
    @EventListener
    void onCatalogChanged(CatalogChanged event) {
        long version = increment(event.type());
        synchronized (lock) {
            wanted.merge(event.type(), version, Math::max);
        }
    }

    /**
     * A download, a like or a commit: counted in the stored version, so lists pick it up
     * at the next recheck (within about a second) without making anyone wait for a
     * reload; a busy download stream then costs at most one reload a second.
     */
    @EventListener
    void onStatsChanged(RepoStatsChanged event) {
        increment(event.type());
    }

    private long increment(RepoType type) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(type.id())),
                new Update().inc("version", 1), FindAndModifyOptions.options().upsert(true).returnNew(true),
                CatalogVersion.class).version();
    }

    private Predicate<Repo> visibleAndNamed(CatalogQuery query, CurrentUser user) {
        String fragment = query.nameFragment();
        Predicate<Repo> visible = permissions.visibleTo(user);
        return repo -> visible.test(repo)
                && (fragment == null || repo.getName().toLowerCase(Locale.ROOT).contains(fragment));
    }

    /** A copy recent enough for this caller; at most one load or recheck per type runs at a time. */
    private Snapshot snapshot(RepoType type) {
        while (true) {
            CompletableFuture<Snapshot> pending;
            boolean mine = false;
            long need;
            synchronized (lock) {
                need = wanted.get(type);
                Snapshot current = snapshots.get(type);
                pending = loads.get(type);
                if (current != null && current.version() >= need && (!current.due() || pending != null)) {
                    return current;
                }
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    loads.put(type, pending);
                    mine = true;
                }
            }
            Snapshot result = mine ? refresh(type, pending) : pending.join();
            if (result.version() >= need) {
                return result;
            }
        }
    }

    /** Compares the stored version and reloads only when it moved. */
    private Snapshot refresh(RepoType type, CompletableFuture<Snapshot> pending) {
        try {
            CatalogVersion stored = mongo.findById(type.id(), CatalogVersion.class);
            long version = stored == null ? 0 : stored.version();
            Snapshot current;
            synchronized (lock) {
                current = snapshots.get(type);
            }
            Snapshot next = current != null && current.version() == version ? current.checkedNow() : load(type, version);
            synchronized (lock) {
                Snapshot latest = snapshots.get(type);
                if (latest == null || latest.version() <= next.version()) {
                    snapshots.put(type, next);
                }
                loads.remove(type);
            }
            pending.complete(next);
            return next;
        } catch (RuntimeException e) {
            synchronized (lock) {
                loads.remove(type);
            }
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /** The version is read before the documents, so a copy never claims changes it lacks. */
    private Snapshot load(RepoType type, long version) {
        Query query = new Query(Criteria.where("type").is(type.id()));
        query.fields().exclude("description").exclude("activeFilters");
        return Snapshot.of(List.copyOf(mongo.find(query, Repo.class)), version);
    }
}
