package io.modellibrary.files;

import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FileCommits;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.files.HistoryViews.RefView;
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

/** Changing history's pointers and restoring old versions; every call needs the write role on the repository. */
@Service
class HistoryWrites {

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

    RefView createRef(RepoType type, String name, String kind, String refName, String revision, CurrentUser user) {
        Refs.Kind k = Refs.Kind.parse(kind);
        Repo repo = access.writable(type, name, user);
        return RefView.of(refs.create(repo.getId(), k, refName, revision));
    }

    void deleteRef(RepoType type, String name, String kind, String refName, CurrentUser user) {
        Refs.Kind k = Refs.Kind.parse(kind);
        Repo repo = access.writable(type, name, user);
        refs.delete(repo.getId(), k, refName);
    }

    /**
     * One new commit on {@code branch} in which {@code path} (a file or folder; null for
     * everything) is as it was at {@code revision}; none when it is so already. The edits
     * name blobs already stored, so nothing is copied.
     */
    CommitResult restore(RepoType type, String name, String revision, String rawPath, String message, String branch,
                         CurrentUser user) throws IOException {
        Repo repo = access.writable(type, name, user);
        String path = RepoPath.folder(rawPath).toString();
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        CommitDoc target = revisions.require(repo.getId(), revision);
        String text = CommitMessages.orDefault(message,
                "Restore " + (path.isEmpty() ? "" : path + " as of ") + revision);
        for (int attempt = 1; ; attempt++) {
            CommitDoc head = revisions.branchHead(repo.getId(), onto).orElse(null);
            List<Edit> edits = restore.edits(head, target, path);
            try {
                return commits.commit(repo, onto, user, text, head == null ? null : head.id(), edits, null, null);
            } catch (HeadMovedException e) {
                if (attempt == RESTORE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
