package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoRepository;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Makes commits. A commit is written first, then the head is moved to it by
 * compare-and-set; when another commit won the race, the loser is deleted and rebuilt on
 * the new head (its blobs are already durable), so racing writers end as commits one
 * after the other and none is lost.
 *
 * <p>A repository deleted meanwhile gets no commit: once the head has moved, the
 * repository must still exist, or the commit and head are taken back (as the deletion
 * does) and the writer answers no such item. Checking after the move leaves no gap: a
 * deletion that starts later removes this head and commit itself.
 */
@Component
class Committer {

    private static final Logger log = LoggerFactory.getLogger(Committer.class);
    private static final int MAX_ATTEMPTS = 200;

    private final CommitStore store;
    private final RepoUpdates repoUpdates;
    private final RepoRepository repos;
    private final BlobReclaimer reclaimer;
    private final SecureRandom random = new SecureRandom();

    Committer(CommitStore store, RepoUpdates repoUpdates, RepoRepository repos, BlobReclaimer reclaimer) {
        this.store = store;
        this.repoUpdates = repoUpdates;
        this.repos = repos;
        this.reclaimer = reclaimer;
    }

    /** One commit on {@code main} of {@code repo} with the edits {@code changes} makes. */
    CommitDoc commit(Repo repo, CurrentUser author, String message, Consumer<TreeEdit> changes) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<RefDoc> ref = store.ref(repo.getId());
            CommitDoc commit = build(repo, ref, author, message, changes);
            store.insert(commit);
            boolean advanced = store.advance(repo.getId(), ref, commit.id());
            requireRepository(repo);
            if (advanced) {
                repoUpdates.recordChange(repo, commit.time(), message);
                return commit;
            }
            store.delete(commit.id());
            log.debug("Commit race on {} (attempt {}), retrying", repo.getName(), attempt);
            pause(attempt);
        }
        throw new ApiException(HttpStatus.CONFLICT, "the repository is changing too fast; try again");
    }

    /**
     * Throws no such item when the repository is gone, after removing what is left of it
     * (this commit included) and the blobs nothing references any more; the blobs the
     * writer still holds are its own to reclaim when it fails.
     */
    private void requireRepository(Repo repo) {
        if (repos.existsById(repo.getId())) {
            return;
        }
        reclaimer.reclaim(store.deleteRepository(repo.getId()));
        log.info("{} {} was deleted while a commit was being made; the commit is dropped", repo.repoType().id(), repo.getName());
        throw new NoSuchItemException();
    }

    private CommitDoc build(Repo repo, Optional<RefDoc> ref, CurrentUser author, String message, Consumer<TreeEdit> changes) {
        CommitDoc parent = ref.map(r -> store.get(repo.getId(), r.head())).orElse(null);
        String id = newId();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TreeEdit edit = new TreeEdit(store.tree(parent), new TreeEntry.Stamp(id, time, message));
        changes.accept(edit);
        return new CommitDoc(id, repo.getId(), parent == null ? null : parent.id(), parent == null ? 1 : parent.seq() + 1,
                message, author.username(), time, edit.changes(), edit.result().entries());
    }

    private String newId() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(50, 2L + attempt * 3L)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the server is shutting down");
        }
    }
}
