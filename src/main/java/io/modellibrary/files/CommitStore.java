package io.modellibrary.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.NoSuchItemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Commits and heads in MongoDB. Commits are immutable, so their trees are cached by id.
 * Revisions are {@code main} (the head) or a full 40-hex commit id of the repository.
 */
@Component
class CommitStore {

    static final String MAIN = "main";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    private final MongoTemplate mongo;
    private final Cache<String, Tree> trees = Caffeine.newBuilder()
            .maximumWeight(500_000)
            .<String, Tree>weigher((id, tree) -> tree.size() + 1)
            .build();

    CommitStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<RefDoc> ref(String repoId) {
        return Optional.ofNullable(mongo.findById(repoId, RefDoc.class));
    }

    /** The commit a revision names, or empty for {@code main} of a repository without commits. */
    Optional<CommitDoc> resolve(String repoId, String revision) {
        String rev = revision == null || revision.isBlank() ? MAIN : revision;
        if (rev.equals(MAIN)) {
            return ref(repoId).map(ref -> get(repoId, ref.head()));
        }
        return Optional.of(get(repoId, rev));
    }

    /** A commit of this repository; any other id is {@code no such revision}. */
    CommitDoc get(String repoId, String commitId) {
        if (commitId == null || !COMMIT_ID.matcher(commitId).matches()) {
            throw new NoSuchItemException("no such revision: " + commitId);
        }
        return withoutTree(repoId, commitId)
                .orElseThrow(() -> new NoSuchItemException("no such revision: " + commitId));
    }

    /** The commit's tree (commits read here come without it: trees are large and cached). */
    Tree tree(CommitDoc commit) {
        return commit == null ? Tree.EMPTY : trees.get(commit.id(), this::loadTree);
    }

    /** Up to {@code limit} commits from {@code from} back along the parents, without their trees. */
    List<CommitDoc> history(String repoId, CommitDoc from, int limit) {
        Query query = new Query(Criteria.where("repoId").is(repoId).and("seq").lte(from.seq()))
                .with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit * 2 + 2);
        query.fields().exclude("tree");
        List<CommitDoc> candidates = mongo.find(query, CommitDoc.class);
        return CommitChain.walk(from.id(), candidates, limit, id -> withoutTree(repoId, id));
    }

    void insert(CommitDoc commit) {
        mongo.insert(commit);
    }

    /** Moves the head from {@code expected} (empty: no head yet) to {@code head}; false if someone else moved it first. */
    boolean advance(String repoId, Optional<RefDoc> expected, String head) {
        if (expected.isEmpty()) {
            try {
                mongo.insert(new RefDoc(repoId, head, 1));
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Query query = new Query(Criteria.where("_id").is(repoId).and("version").is(expected.get().version()));
        Update update = new Update().set("head", head).inc("version", 1);
        return mongo.updateFirst(query, update, RefDoc.class).getModifiedCount() == 1;
    }

    void delete(String commitId) {
        mongo.remove(new Query(Criteria.where("_id").is(commitId)), CommitDoc.class);
        trees.invalidate(commitId);
    }

    /** True while any commit of any repository has this blob in its tree. */
    boolean references(String sha256) {
        return mongo.exists(new Query(Criteria.where("tree.sha256").is(sha256)), CommitDoc.class);
    }

    /** Removes a repository's commits and head; answers the blobs they referenced. */
    Set<String> deleteRepository(String repoId) {
        Query ofRepo = new Query(Criteria.where("repoId").is(repoId));
        Set<String> blobs = new HashSet<>();
        mongo.stream(ofRepo, CommitDoc.class).forEach(commit -> {
            commit.tree().stream().filter(e -> !e.folder()).forEach(e -> blobs.add(e.sha256()));
            trees.invalidate(commit.id());
        });
        mongo.remove(new Query(Criteria.where("_id").is(repoId)), RefDoc.class);
        mongo.remove(ofRepo, CommitDoc.class);
        return blobs;
    }

    private Tree loadTree(String commitId) {
        Query query = new Query(Criteria.where("_id").is(commitId));
        query.fields().include("tree");
        TreeOnly commit = mongo.findOne(query, TreeOnly.class, CommitDoc.COLLECTION);
        if (commit == null) {
            throw new IllegalStateException("commit " + commitId + " is gone");
        }
        return commit.tree() == null ? Tree.EMPTY : Tree.of(commit.tree());
    }

    /** A commit read for its tree alone. */
    private record TreeOnly(List<TreeEntry> tree) {
    }

    private Optional<CommitDoc> withoutTree(String repoId, String id) {
        Query query = new Query(Criteria.where("_id").is(id).and("repoId").is(repoId));
        query.fields().exclude("tree");
        return Optional.ofNullable(mongo.findOne(query, CommitDoc.class));
    }
}
