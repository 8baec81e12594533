package io.modellibrary.versioning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.HeapBudget;
import io.modellibrary.common.NoSuchItemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A repository's versions, git's object model in MongoDB: commits name root folders
 * ({@link TreeDoc}), {@code main} names the head ({@link RefDoc}). Every hot lookup is by
 * {@code _id}; commits and trees are immutable and cached. Reading a path, listing a folder
 * page and making a commit cost O(depth + changed entries), whatever the repository's size
 * or history. Knows nothing of HTTP or of who may do what.
 */
@Service
public class Versions {

    /** The only branch so far. */
    public static final String MAIN = RefDoc.MAIN;
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_ATTEMPTS = 200;
    /** A cached commit change's size: its path and two 64-hex ids with their objects; the cache holds a sixteenth of the heap. */
    private static final long CHANGE_BYTES = 300;

    private final MongoTemplate mongo;
    private final TreeStore trees;
    private final RepoDeletions deletions;
    private final CommitPrefixes prefixes;
    private final Cache<String, CommitDoc> commits = Caffeine.newBuilder()
            .maximumWeight(HeapBudget.items(1.0 / 16, CHANGE_BYTES, 1_000_000))
            .<String, CommitDoc>weigher((id, c) -> 1 + (c.changes() == null ? 0 : c.changes().size()))
            .build();

    Versions(MongoTemplate mongo, TreeStore trees, RepoDeletions deletions, CommitPrefixes prefixes) {
        this.mongo = mongo;
        this.trees = trees;
        this.deletions = deletions;
        this.prefixes = prefixes;
    }

    /** The indexes of trees, commits, change pages and refs ({@link VersioningMigrations}). */
    static void createIndexes(MongoTemplate mongo) {
        mongo.indexOps(TreeDoc.class).createIndex(new Index().on("repoId", Sort.Direction.ASC).named("repoId"));
        mongo.indexOps(CommitDoc.class).createIndex(new Index().on("repoId", Sort.Direction.ASC).on("seq", Sort.Direction.DESC)
                .named("repoId_seq"));
        mongo.indexOps(ChangePage.class).createIndex(new Index().on("repoId", Sort.Direction.ASC).named("repoId"));
        mongo.indexOps(RefDoc.class).createIndex(new Index().on("repoId", Sort.Direction.ASC).named("repoId"));
        // Redundant on MongoDB, but the embedded server uses an index only when the query names
        // exactly its keys: without it, every compare-and-set of a head ({_id, version}) scanned all refs.
        mongo.indexOps(RefDoc.class).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC)
                .unique().named("id_version"));
    }

    /** What a write did: the new commit and its changes, or nothing ({@code changed} false, {@code commit} the head). */
    public record Outcome(CommitDoc commit, boolean changed, List<Change> changes) {
    }

    /** One page of a folder's entries, {@code total} entries in all, {@code next} the cursor of the next page or null. */
    public record Listing(List<Entry> entries, int total, Entry next) {
    }

    /**
     * The commit a revision names: {@code main} (or blank) for the head, empty for a
     * repository without commits; otherwise a full 40-hex id of this repository's commit.
     *
     * @throws NoSuchItemException for any other revision
     */
    public Optional<CommitDoc> resolve(String repoId, String revision) {
        String rev = revision == null || revision.isBlank() ? MAIN : revision;
        if (rev.equals(MAIN)) {
            return Optional.ofNullable(ref(repoId)).filter(r -> r.head() != null).map(r -> commit(repoId, r.head()));
        }
        return Optional.of(commit(repoId, rev));
    }

    /**
     * A commit of this repository, by full id.
     *
     * @throws NoSuchItemException when it is not one
     */
    public CommitDoc commit(String repoId, String commitId) {
        if (commitId == null || !COMMIT_ID.matcher(commitId).matches()) {
            throw new NoSuchItemException("no such revision: " + commitId);
        }
        CommitDoc commit = commits.getIfPresent(commitId);
        if (commit == null) {
            commit = mongo.findById(commitId, CommitDoc.class);
            if (commit != null) {
                commits.put(commitId, commit);
            }
        }
        if (commit == null || !commit.repoId().equals(repoId)) {
            throw new NoSuchItemException("no such revision: " + commitId);
        }
        return commit;
    }

    /** The entry at {@code path} (a file or folder) in the commit's tree; empty if none. A null commit has an empty tree. */
    public Optional<Entry> find(CommitDoc commit, String path) {
        String folderId = commit == null ? null : commit.root();
        String[] names = path.split("/");
        for (int i = 0; i < names.length; i++) {
            if (folderId == null) {
                return Optional.empty();
            }
            Entry entry = new Folder(trees, commit.repoId(), folderId).find(names[i]);
            if (entry == null || i == names.length - 1) {
                return Optional.ofNullable(entry);
            }
            if (!entry.folder()) {
                return Optional.empty();
            }
            folderId = entry.id();
        }
        return Optional.empty();
    }

    /**
     * Up to {@code limit} entries of the folder after {@code after} (null: from its start),
     * folders first, then files, each by name ignoring case.
     *
     * @param folder "" for the root
     * @throws NoSuchItemException when there is no such folder
     */
    public Listing list(CommitDoc commit, String folder, Entry after, int limit) {
        String treeId;
        if (folder.isEmpty()) {
            treeId = commit == null ? null : commit.root();
        } else {
            treeId = find(commit, folder).filter(Entry::folder)
                    .orElseThrow(() -> new NoSuchItemException("no such folder: " + folder)).id();
        }
        Folder f = new Folder(trees, commit == null ? "" : commit.repoId(), treeId);
        List<Entry> page = f.after(after, limit + 1);
        Entry next = page.size() > limit ? page.get(limit - 1) : null;
        return new Listing(page.size() > limit ? page.subList(0, limit) : page, f.count(), next);
    }

    /**
     * Page {@code page} (from 1) of the commit's changes, {@value CommitDoc#CHANGES_PAGE} a page,
     * sorted by path; past the last page, empty.
     */
    public List<Change> changes(CommitDoc commit, int page) {
        if (page <= 1) {
            return commit.changes();
        }
        ChangePage stored = mongo.findById(ChangePage.id(commit.id(), page), ChangePage.class);
        return stored == null ? List.of() : stored.changes();
    }

    /**
     * One commit on {@code main} with {@code edits}, or none when they change nothing. The
     * blobs they name must be held by the caller and their references recorded (see
     * {@code BlobWriter#reference}) before this is called. Trees and the commit are written,
     * then the head moved by compare-and-set;
     * a writer that lost the race rebuilds on the new head, so racing writers end as
     * commits one after the other and none is lost.
     *
     * @param parentCommit  null, or the head the caller based its change on
     * @param stillExists   asked after the head moved: false means the repository was deleted
     *                      meanwhile; its files are then deleted again and the write is no such item
     * @throws HeadMovedException   when {@code parentCommit} is not the head
     * @throws NoSuchItemException  a missing path to delete, or a repository deleted meanwhile
     * @throws io.modellibrary.common.BadRequestException a file where the edits need a folder, or the other way round
     * @throws ConcurrentChangeException when other writers kept moving the head, attempt after attempt
     * @throws WriteInterruptedException when the thread is interrupted between attempts
     */
    public Outcome commit(String repoId, String author, String message, String parentCommit, List<Edit> edits,
                          BooleanSupplier stillExists) {
        return commit(repoId, MAIN, author, message, parentCommit, edits, stillExists);
    }

    /**
     * {@link #commit(String, String, String, String, List, BooleanSupplier)} on {@code branch}:
     * {@code main} is created by the first commit; any other branch must exist (made from a
     * revision by {@link Refs}), and a tag is never moved.
     *
     * @throws NoSuchRevisionException when {@code branch} is neither {@code main} nor an existing branch
     * @throws io.modellibrary.common.BadRequestException when {@code branch} names a tag
     */
    public Outcome commit(String repoId, String branch, String author, String message, String parentCommit,
                          List<Edit> edits, BooleanSupplier stillExists) {
        return commit(repoId, branch, author, message, parentCommit, edits, stillExists, null);
    }

    /**
     * {@link #commit(String, String, String, String, String, List, BooleanSupplier)} dated
     * {@code time} instead of now: generated or imported history (the demo repositories').
     *
     * @param time the commit's time; null: now
     */
    public Outcome commit(String repoId, String branch, String author, String message, String parentCommit,
                          List<Edit> edits, BooleanSupplier stillExists, Instant time) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            RefDoc ref = MAIN.equals(branch) ? refOrEmpty(repoId) : branchRef(repoId, branch);
            String head = ref.head();
            if (parentCommit != null && !parentCommit.equals(head)) {
                throw new HeadMovedException(branch, parentCommit, head);
            }
            CommitDoc parent = head == null ? null : commit(repoId, head);
            String id = Hashing.commitId();
            TreeWriter writer = new TreeWriter(trees, repoId, id);
            String root;
            try {
                root = writer.apply(parent == null ? null : parent.root(), edits);
            } catch (IllegalStateException missingTree) {
                if (!stillExists.getAsBoolean()) {
                    throw new NoSuchItemException(); // the repository was deleted meanwhile: its trees are going
                }
                throw missingTree;
            }
            if (writer.changes().isEmpty()) {
                return new Outcome(parent, false, List.of());
            }
            CommitDoc commit = write(repoId, author, message, parent, id, root, writer, time);
            if (advance(repoId, ref, id)) {
                if (!stillExists.getAsBoolean()) {
                    deletions.enqueue(repoId);
                    throw new NoSuchItemException();
                }
                return new Outcome(commit, true, writer.changes());
            }
            commits.invalidate(id);
            mongo.remove(Query.query(Criteria.where("_id").is(id)), CommitDoc.class);
            mongo.remove(Query.query(Criteria.where("commit").is(id).and("repoId").is(repoId)), ChangePage.class);
            pause(attempt);
        }
        throw new ConcurrentChangeException(MAX_ATTEMPTS);
    }

    /** Deletes everything of the repository in the background (resumed after a crash). */
    public void deleteRepository(String repoId) {
        deletions.enqueue(repoId);
    }

    private CommitDoc write(String repoId, String author, String message, CommitDoc parent, String id, String root,
                            TreeWriter writer, Instant time) {
        trees.insertAll(writer.created());
        List<Change> changes = writer.changes();
        List<ChangePage> more = ChangePage.rest(repoId, id, changes);
        // a few pages a request, as TreeStore.INSERT_BATCH says why
        for (int from = 0; from < more.size(); from += TreeStore.INSERT_BATCH) {
            mongo.insertAll(more.subList(from, Math.min(more.size(), from + TreeStore.INSERT_BATCH)));
        }
        CommitDoc commit = new CommitDoc(id, repoId, parent == null ? List.of() : List.of(parent.id()), root,
                parent == null ? 1 : parent.seq() + 1, message, author, (time == null ? Instant.now() : time).truncatedTo(ChronoUnit.MILLIS),
                changes.size(), ChangePage.first(changes));
        prefixes.add(repoId, id);
        mongo.insert(commit);
        commits.put(id, commit); // the next write reads it as its parent
        return commit;
    }

    /**
     * The head commit ids of these repositories' {@code main}, by repository id, in one query by
     * {@code _id} (a list page's worth of repositories at once); a repository without commits is absent.
     */
    public Map<String, String> mainHeads(Collection<String> repoIds) {
        List<String> ids = repoIds.stream().map(repoId -> RefDoc.id(repoId, RefDoc.BRANCH, MAIN)).toList();
        Map<String, String> heads = new HashMap<>();
        for (RefDoc ref : mongo.find(Query.query(Criteria.where("_id").in(ids)), RefDoc.class)) {
            if (ref.head() != null) {
                heads.put(ref.repoId(), ref.head());
            }
        }
        return heads;
    }

    private RefDoc ref(String repoId) {
        return mongo.findById(RefDoc.id(repoId, RefDoc.BRANCH, MAIN), RefDoc.class);
    }

    /**
     * The ref, created empty (no head, version 0) when missing: every move is then the same
     * compare-and-set on {@code version}, never a race of inserts (creating it twice at once
     * writes the same empty document).
     */
    private RefDoc refOrEmpty(String repoId) {
        RefDoc ref = ref(repoId);
        if (ref != null) {
            return ref;
        }
        String id = RefDoc.id(repoId, RefDoc.BRANCH, MAIN);
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(id)), new Update().setOnInsert("repoId", repoId)
                    .setOnInsert("kind", RefDoc.BRANCH).setOnInsert("name", MAIN).setOnInsert("head", null)
                    .setOnInsert("version", 0L), RefDoc.class);
        } catch (DuplicateKeyException e) {
            // created by another writer meanwhile
        }
        RefDoc created = ref(repoId);
        if (created == null) {
            throw new NoSuchItemException(); // the repository is being deleted
        }
        return created;
    }

    /** A branch other than {@code main}, to commit on. */
    private RefDoc branchRef(String repoId, String branch) {
        RefDoc ref = mongo.findById(RefDoc.id(repoId, RefDoc.BRANCH, branch), RefDoc.class);
        if (ref == null) {
            if (mongo.findById(RefDoc.id(repoId, RefDoc.TAG, branch), RefDoc.class) != null) {
                throw new io.modellibrary.common.BadRequestException("branch: " + branch + " is a tag, and tags never move");
            }
            throw new NoSuchRevisionException("no such branch: " + branch);
        }
        return ref;
    }

    private boolean advance(String repoId, RefDoc expected, String head) {
        Query query = new Query(Criteria.where("_id").is(expected.id()).and("version").is(expected.version()));
        return mongo.updateFirst(query, new Update().set("head", head).inc("version", 1), RefDoc.class).getModifiedCount() == 1;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(50, 2L + attempt * 3L)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteInterruptedException(e);
        }
    }
}
