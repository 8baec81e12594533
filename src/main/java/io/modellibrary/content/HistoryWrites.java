package io.modellibrary.content;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.Refs;
import io.modellibrary.versioning.Restore;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.List;

/**
 * Changing history's pointers (branches and tags) and restoring old versions, for every face
 * (the seed's {@code /api/commits/...}, the web pages' forms); every call needs the write role
 * on the repository ({@link RepoAccess#writable}: 404 when the caller may not see it, 403 when
 * it may only read it).
 */
@Service
public class HistoryWrites {

    /** Restores computed again when the branch moved meanwhile, before giving up with 409. */
    private static final int RESTORE_ATTEMPTS = 5;

    private final RepoAccess access;
    private final Refs refs;
    private final Revisions revisions;
    private final Restore restore;
    private final FileCommits commits;

    HistoryWrites(RepoAccess access, Refs refs, Revisions revisions, Restore restore, FileCommits commits) {
        this.access = access;
        this.refs = refs;
        this.revisions = revisions;
        this.restore = restore;
        this.commits = commits;
    }

    /**
     * Creates the branch or tag {@code refName} at {@code revision} (see {@link Refs#create}).
     *
     * @param kind {@code branch} or {@code tag} (400 otherwise)
     */
    public Refs.Ref createRef(RepoType type, String name, String kind, String refName, String revision, CurrentUser user) {
        Refs.Kind k = Refs.Kind.parse(kind);
        Repo repo = access.writable(type, name, user);
        return refs.create(repo.getId(), k, refName, revision);
    }

    /** Deletes the branch or tag {@code refName} (see {@link Refs#delete}). */
    public void deleteRef(RepoType type, String name, String kind, String refName, CurrentUser user) {
        Refs.Kind k = Refs.Kind.parse(kind);
        Repo repo = access.writable(type, name, user);
        refs.delete(repo.getId(), k, refName);
    }

    /**
     * One new commit on {@code branch} in which {@code path} (a file or folder; null for
     * everything) is as it was at {@code revision}; none when it is so already. The edits
     * name blobs already stored, so nothing is copied.
     *
     * @param branch null or blank: {@code main}
     * @throws io.modellibrary.versioning.NoSuchRevisionException when {@code revision} names no commit
     * @throws HeadMovedException when the branch kept moving through {@value #RESTORE_ATTEMPTS} attempts
     */
    public CommitResult restore(RepoType type, String name, String revision, String rawPath, String message, String branch,
                         CurrentUser user) throws IOException {
        return restore(type, name, revision, rawPath, message, branch, null, user);
    }

    /**
     * {@link #restore(RepoType, String, String, String, String, String, CurrentUser)} confirmed at a head:
     * with {@code parentCommit}, the restore is made only on that head of the branch (compare-and-set, no
     * retry), so what the confirmation listed is what the commit changes.
     *
     * @param parentCommit null (restore on whatever the head is, retried), or the 40-hex head the caller was shown
     * @throws HeadMovedException when the branch's head is not {@code parentCommit}
     * @throws io.modellibrary.common.BadRequestException when {@code parentCommit} is not 40 hex characters
     */
    public CommitResult restore(RepoType type, String name, String revision, String rawPath, String message, String branch,
                         String parentCommit, CurrentUser user) throws IOException {
        Repo repo = access.writable(type, name, user);
        FileCommits.requireCommitId(parentCommit);
        String path = RepoPath.folder(rawPath).toString();
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        CommitDoc target = revisions.require(repo.getId(), revision);
        String text = CommitMessages.orDefault(message,
                "Restore " + (path.isEmpty() ? "" : path + " as of ") + revision);
        for (int attempt = 1; ; attempt++) {
            CommitDoc head = revisions.branchHead(repo.getId(), onto).orElse(null);
            String headId = head == null ? null : head.id();
            if (parentCommit != null && !parentCommit.equals(headId)) {
                throw new HeadMovedException(onto, parentCommit, headId);
            }
            List<Edit> edits = restore.edits(head, target, path);
            try {
                return commits.commit(repo, onto, user, text, parentCommit != null ? parentCommit : headId, edits, null, null);
            } catch (HeadMovedException e) {
                if (parentCommit != null || attempt == RESTORE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
