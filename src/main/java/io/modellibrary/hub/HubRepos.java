package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.NoSuchRevisionException;
import org.springframework.stereotype.Component;

/**
 * The Hub face's way to a repository and a revision: {@code content.RepoAccess} with its
 * failures in the Hub's terms (404 {@code RepoNotFound} for a missing or hidden repository,
 * 404 {@code RevisionNotFound} for a revision that names no commit). Revisions as
 * {@link HubRevision} reads them.
 */
@Component
class HubRepos {

    private final RepoAccess access;

    HubRepos(RepoAccess access) {
        this.access = access;
    }

    /** The repository, if the caller may see it; else 404 {@code RepoNotFound}. */
    Repo readable(HubRepoId id, CurrentUser user) {
        try {
            return access.readable(id.type(), id.name(), user);
        } catch (NoSuchItemException e) {
            throw HubException.repoNotFound();
        }
    }

    /**
     * The repository at a revision ({@link HubRevision#parse}); the commit is null for an empty repository's {@code main}.
     *
     * @throws HubException 404 {@code RepoNotFound}, 404 {@code RevisionNotFound}, 400 for a pull request ref
     */
    RepoAccess.Snapshot snapshot(HubRepoId id, String revision, CurrentUser user) {
        String rev = HubRevision.parse(revision);
        try {
            // one catalogue lookup: RepoAccess.snapshot finds the repository (any case, old names) and checks visibility itself
            return access.snapshot(id.type(), id.name(), rev, user);
        } catch (NoSuchItemException e) {
            throw HubException.repoNotFound();
        } catch (NoSuchRevisionException e) {
            throw HubException.revisionNotFound(e.getMessage());
        }
    }
}
