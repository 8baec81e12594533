package io.modellibrary.catalog;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import org.bson.types.ObjectId;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Likes: idempotent per user and repository; the repository's counter follows. */
@Service
public class LikeService {

    private final MongoTemplate mongo;
    private final CatalogService catalog;
    private final RepoUpdates updates;
    private final RepoPermissions permissions;

    LikeService(MongoTemplate mongo, CatalogService catalog, RepoUpdates updates, RepoPermissions permissions) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.updates = updates;
        this.permissions = permissions;
    }

    /** A repository's like count after a like or unlike, and whether the caller likes it. */
    public record LikeState(String name, String type, boolean liked, long likes) {
    }

    /**
     * Likes the repository (once, however often called).
     *
     * @throws io.modellibrary.common.NoSuchItemException when it does not exist or the caller may not see it
     */
    public LikeState like(RepoType type, String name, CurrentUser user) {
        Repo repo = catalog.find(type, name, user);
        try {
            mongo.insert(new Like(null, user.id(), repo.getId(), Instant.now()));
            updates.recordLike(repo, 1);
        } catch (DuplicateKeyException alreadyLiked) {
            // Liking twice counts once.
        }
        return state(repo, true);
    }

    /** Takes the caller's like back, if any; the same errors as {@link #like}. */
    public LikeState unlike(RepoType type, String name, CurrentUser user) {
        Repo repo = catalog.find(type, name, user);
        long removed = mongo.remove(byUserAndRepo(user.id(), repo.getId()), Like.class).getDeletedCount();
        if (removed > 0) {
            updates.recordLike(repo, -1);
        }
        return state(repo, false);
    }

    /** True when {@code user} (null: anonymous, never) likes {@code repo}. */
    public boolean likes(Repo repo, CurrentUser user) {
        return user != null && mongo.exists(byUserAndRepo(user.id(), repo.getId()), Like.class);
    }

    /** The repositories the user likes that they may still see, most recent like first. */
    public List<RepoListItem> likedBy(CurrentUser user) {
        Query query = Query.query(Criteria.where("userId").is(user.id())).with(Sort.by(Sort.Order.desc("createdAt")));
        List<String> repoIds = mongo.find(query, Like.class).stream().map(Like::repoId).toList();
        List<Repo> found = mongo.find(Query.query(Criteria.where("_id").in(repoIds)), Repo.class).stream()
                .filter(permissions.visibleTo(user)).toList();
        return repoIds.stream()
                .flatMap(id -> found.stream().filter(r -> r.getId().equals(id)))
                .map(RepoListItem::of)
                .toList();
    }

    /** One like of a page: the repository (or, listing a repository's likers, the user's id) and when it was given. */
    public record Liked<T>(T what, Instant createdAt) {
    }

    /**
     * A page of likes, newest first, and where the next starts.
     *
     * @param next the cursor of the next page (the last like's id, 24 hex digits); null on the last page
     */
    public record LikePage<T>(List<Liked<T>> items, String next) {
    }

    /**
     * The repositories the user {@code userId} likes that {@code viewer} may see, newest like first:
     * what {@code huggingface_hub list_liked_repos} reads. A page is filled with visible likes only
     * (more batches are read past hidden ones), so that neither its size nor the presence of a next
     * page tells of a repository the viewer may not see. One query per batch on the
     * {@code user_id} index ({@code userId} equal, {@code _id} below the cursor, sorted by
     * {@code _id} descending: the MongoDB manual's "Use Indexes to Sort Query Results": an equality prefix, then the sort key),
     * then the repositories by {@code _id}.
     *
     * @param after  the cursor of a page from an earlier call ({@link LikePage#next}), or null for the first
     * @param limit  likes per page, at least 1
     * @param viewer the caller (null: anonymous)
     * @throws BadRequestException when {@code after} is not a cursor this method gave
     */
    public LikePage<Repo> likesOf(String userId, String after, int limit, CurrentUser viewer) {
        return page("userId", userId, after, limit, batch -> {
            Map<String, Repo> repos = mongo.find(Query.query(Criteria.where("_id").in(batch.stream().map(Like::repoId).toList())), Repo.class)
                    .stream().filter(permissions.visibleTo(viewer)).collect(Collectors.toMap(Repo::getId, Function.identity()));
            return batch.stream().map(like -> repos.containsKey(like.repoId()) ? new Liked<>(repos.get(like.repoId()), like.createdAt()) : null).toList();
        });
    }

    /**
     * The ids of the users who like {@code repo}, newest like first; the caller checked that it may
     * see the repository. One query per page on the {@code repo_id} index, as {@link #likesOf}.
     *
     * @throws BadRequestException when {@code after} is not a cursor this method gave
     */
    public LikePage<String> likersOf(Repo repo, String after, int limit) {
        return page("repoId", repo.getId(), after, limit, batch -> batch.stream().map(like -> new Liked<>(like.userId(), like.createdAt())).toList());
    }

    /** The fewest likes one read of a page asks for. */
    private static final int MIN_BATCH = 100;

    /**
     * Likes with {@code field} equal to {@code value}, by {@code _id} descending from below {@code after}, read in batches of
     * {@code limit + 1}, at least {@value #MIN_BATCH}, until {@code limit + 1} of them map to something ({@code keep} maps a
     * batch, null for a like to leave out). The floor keeps the reads few when many likes are left out: batches of
     * {@code limit + 1} took 176 ms for a page of 1 past 300 hidden likes (a probe), one query per two likes.
     */
    private <T> LikePage<T> page(String field, String value, String after, int limit, Function<List<Like>, List<Liked<T>>> keep) {
        int batchSize = Math.max(limit + 1, MIN_BATCH);
        ObjectId below = cursor(after);
        List<Liked<T>> kept = new ArrayList<>();
        String lastId = null;
        List<String> ids = new ArrayList<>();
        while (kept.size() <= limit) {
            Criteria criteria = Criteria.where(field).is(value);
            if (below != null) {
                criteria = criteria.and("_id").lt(below);
            }
            List<Like> batch = mongo.find(Query.query(criteria).with(Sort.by(Sort.Order.desc("_id"))).limit(batchSize), Like.class);
            List<Liked<T>> mapped = keep.apply(batch);
            for (int i = 0; i < batch.size() && kept.size() <= limit; i++) {
                if (mapped.get(i) != null) {
                    kept.add(mapped.get(i));
                    ids.add(batch.get(i).id());
                }
            }
            if (batch.size() < batchSize) {
                break;
            }
            below = new ObjectId(batch.get(batch.size() - 1).id());
        }
        if (kept.size() > limit) {
            kept = kept.subList(0, limit);
            lastId = ids.get(limit - 1);
        }
        return new LikePage<>(List.copyOf(kept), lastId);
    }

    private static ObjectId cursor(String after) {
        if (after == null) {
            return null;
        }
        if (!ObjectId.isValid(after) || after.length() != 24) {
            throw new BadRequestException("cursor must be the 24 hex digits a Link header gave");
        }
        return new ObjectId(after);
    }

    /** Takes back every like of a user (whose account is deleted); the counters follow. */
    public void forgetUser(String userId) {
        for (Like like : mongo.find(Query.query(Criteria.where("userId").is(userId)), Like.class)) {
            if (mongo.remove(byUserAndRepo(userId, like.repoId()), Like.class).getDeletedCount() > 0) {
                Repo repo = mongo.findById(like.repoId(), Repo.class);
                if (repo != null) {
                    updates.recordLike(repo, -1);
                }
            }
        }
    }

    @EventListener
    void onRepoDeleted(RepoDeleted event) {
        mongo.remove(Query.query(Criteria.where("repoId").is(event.repoId())), Like.class);
        mongo.remove(Query.query(Criteria.where("repoId").is(event.repoId())), RepoActivity.class);
    }

    private LikeState state(Repo repo, boolean liked) {
        Repo fresh = mongo.findById(repo.getId(), Repo.class);
        return new LikeState(repo.getName(), repo.getType(), liked, fresh == null ? 0 : fresh.getLikes());
    }

    private static Query byUserAndRepo(String userId, String repoId) {
        return Query.query(Criteria.where("userId").is(userId).and("repoId").is(repoId));
    }
}
