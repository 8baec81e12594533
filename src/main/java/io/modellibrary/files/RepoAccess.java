package io.modellibrary.files;

import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Entry;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a repository's files: reads follow its visibility (an invisible
 * repository is {@code no such item}); writes need its owner or a member of its team.
 * Also turns stored entries into what the API shows.
 */
@Component
class RepoAccess {

    private final CatalogService catalog;
    private final Versions versions;
    private final Revisions revisions;

    RepoAccess(CatalogService catalog, Versions versions, Revisions revisions) {
        this.catalog = catalog;
        this.versions = versions;
        this.revisions = revisions;
    }

    Repo readable(RepoType type, String name, CurrentUser user) {
        return catalog.find(type, name, user);
    }

    Repo writable(RepoType type, String name, CurrentUser user) {
        return catalog.findWritable(type, name, user);
    }

    /** The repository at a revision (branch, tag, commit id or unique prefix; see {@link Revisions}), for reading. */
    Snapshot snapshot(RepoType type, String name, String revision, CurrentUser user) {
        Repo repo = readable(type, name, user);
        String rev = revision == null || revision.isBlank() ? Versions.MAIN : revision;
        CommitDoc commit = revisions.resolve(repo.getId(), rev).orElse(null);
        return new Snapshot(repo, rev, commit);
    }

    /** The file at {@code path} in the snapshot, with its last change; a folder or nothing is no such file. */
    TreeEntry file(Snapshot at, RepoPath path) {
        Entry entry = versions.find(at.commit(), path.toString()).filter(e -> !e.folder())
                .orElseThrow(() -> new NoSuchItemException("no such file: " + path));
        return entry(at, path.toString(), entry);
    }

    /** A stored entry at {@code path} with its last change's time and message. */
    TreeEntry entry(Snapshot at, String path, Entry entry) {
        CommitDoc changed = versions.commit(at.repo().getId(), entry.commit());
        return new TreeEntry(path, entry.folder(), entry.folder() ? null : entry.id(), entry.size(), entry.commit(),
                changed.time(), changed.message());
    }

    /** A repository at one revision: its commit (null for an empty repository). */
    record Snapshot(Repo repo, String revision, CommitDoc commit) {
    }
}
