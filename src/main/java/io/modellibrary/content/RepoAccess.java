package io.modellibrary.content;

import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a repository's files: reads follow its visibility (an invisible
 * repository is {@code no such item}); writes need its owner or a member of its team.
 * Every face finds a repository through here before reading or changing its files.
 */
@Component
public class RepoAccess {

    private final CatalogService catalog;
    private final Revisions revisions;

    RepoAccess(CatalogService catalog, Revisions revisions) {
        this.catalog = catalog;
        this.revisions = revisions;
    }

    /**
     * The repository, for reading.
     *
     * @param user the caller, or null when anonymous
     * @throws NoSuchItemException when it does not exist or the caller may not see it
     */
    public Repo readable(RepoType type, String name, CurrentUser user) {
        return catalog.find(type, name, user);
    }

    /**
     * The repository, for writing (owner, or a member of the owning organisation with the write role).
     *
     * The catalogue refuses one the caller may see but not change with its 403 ({@code ApiException}, mapped by the web layer).
     *
     * @throws NoSuchItemException when it does not exist or the caller may not see it
     */
    public Repo writable(RepoType type, String name, CurrentUser user) {
        return catalog.findWritable(type, name, user);
    }

    /**
     * Of these repository ids, those the caller may read (the rule of {@link #readable}, for many
     * repositories at once); ids of deleted repositories are left out.
     *
     * @param user the caller, or null when anonymous
     */
    public java.util.Set<String> readableIds(java.util.Collection<String> repoIds, CurrentUser user) {
        return catalog.visibleAmong(repoIds, user);
    }

    /**
     * The repository at a revision, for reading.
     *
     * @param revision a branch, tag, commit id or unique prefix (see {@link Revisions}); null or blank: {@code main}
     * @throws NoSuchItemException when the repository does not exist or the caller may not see it
     * @throws io.modellibrary.versioning.NoSuchRevisionException when the revision names no commit
     *         (a branch without commits, such as an empty repository's {@code main}, is a snapshot without commit)
     */
    public Snapshot snapshot(RepoType type, String name, String revision, CurrentUser user) {
        return snapshot(readable(type, name, user), revision);
    }

    /**
     * A repository already found ({@link #readable}, {@link #writable}) at a revision.
     *
     * @param revision as for {@link #snapshot(RepoType, String, String, CurrentUser)}
     * @throws io.modellibrary.versioning.NoSuchRevisionException when the revision names no commit
     */
    public Snapshot snapshot(Repo repo, String revision) {
        String rev = revision == null || revision.isBlank() ? Versions.MAIN : revision;
        CommitDoc commit = revisions.resolve(repo.getId(), rev).orElse(null);
        return new Snapshot(repo, rev, commit);
    }

    /**
     * A repository at one revision.
     *
     * @param repo     the repository, as the catalogue holds it
     * @param revision the revision as asked for ({@code main} when none was)
     * @param commit   the commit it names; null for an empty repository
     */
    public record Snapshot(Repo repo, String revision, CommitDoc commit) {
    }
}
