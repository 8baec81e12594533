package io.modellibrary.files;

import io.modellibrary.catalog.RepoDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * Gives back the space of blobs that nothing references any more: those a deleted
 * repository's commits held, and those a failed upload stored. A blob that any commit of
 * any repository still names, or that an upload in progress holds, stays.
 */
@Component
class BlobReclaimer {

    private static final Logger log = LoggerFactory.getLogger(BlobReclaimer.class);

    private final BlobStore blobs;
    private final CommitStore commits;

    BlobReclaimer(BlobStore blobs, CommitStore commits) {
        this.blobs = blobs;
        this.commits = commits;
    }

    @EventListener
    void repositoryDeleted(RepoDeleted event) {
        Set<String> candidates = commits.deleteRepository(event.repoId());
        int removed = reclaim(candidates);
        log.info("Deleted the files of {} {}: {} of {} blobs reclaimed", event.type().id(), event.name(), removed, candidates.size());
    }

    /** Work that stores blobs under a lease and commits them. */
    @FunctionalInterface
    interface LeasedWork<T> {
        T run(BlobStore.Lease lease) throws IOException;
    }

    /**
     * Runs {@code work} under a fresh lease, so that no reclaim removes what it stores
     * meanwhile; if it fails before its commit, what it stored is reclaimed when nothing
     * else references it.
     */
    <T> T underLease(LeasedWork<T> work) throws IOException {
        BlobStore.Lease lease = blobs.lease();
        boolean done = false;
        try {
            T result = work.run(lease);
            done = true;
            return result;
        } finally {
            lease.close();
            if (!done) {
                reclaim(lease.stored());
            }
        }
    }

    /** Deletes those of {@code candidates} that are unused; answers how many went. */
    int reclaim(Collection<String> candidates) {
        int removed = 0;
        for (String sha256 : candidates) {
            if (blobs.deleteIfUnused(sha256, commits::references)) {
                removed++;
            }
        }
        return removed;
    }
}
