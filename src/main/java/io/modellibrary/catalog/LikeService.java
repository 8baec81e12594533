package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

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
