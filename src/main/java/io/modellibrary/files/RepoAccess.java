package io.modellibrary.files;

import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a repository's files: reads follow its visibility (an invisible
 * repository is {@code no such item}); writes need its owner or a member of its team.
 */
@Component
class RepoAccess {

    private final CatalogService catalog;
    private final CommitStore commits;

    RepoAccess(CatalogService catalog, CommitStore commits) {
        this.catalog = catalog;
        this.commits = commits;
    }

    Repo readable(RepoType type, String name, CurrentUser user) {
        return catalog.find(type, name, user);
    }

    Repo writable(RepoType type, String name, CurrentUser user) {
        return catalog.findWritable(type, name, user);
    }

    /** The repository at a revision, for reading. */
    Snapshot snapshot(RepoType type, String name, String revision, CurrentUser user) {
        Repo repo = readable(type, name, user);
        String rev = revision == null || revision.isBlank() ? CommitStore.MAIN : revision;
        CommitDoc commit = commits.resolve(repo.getId(), rev).orElse(null);
        return new Snapshot(repo, rev, commit, commits.tree(commit));
    }

    /** A repository at one revision: its commit (null for an empty repository) and tree. */
    record Snapshot(Repo repo, String revision, CommitDoc commit, Tree tree) {
    }
}
