package io.modellibrary.content;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoRepository;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one path from a writer's stored blobs to a commit, shared by uploads and edits:
 * flush the blobs (durable, held), record that the repository references them, commit on
 * {@code main} (no commit when nothing changes; 409 when {@code parentCommit} is not the
 * head; on failure the reference is taken back), wake the collector to record the
 * references blob by blob, and tell the catalogue that the repository changed.
 */
@Component
public class FileCommits {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

    private final Versions versions;
    private final RepoUpdates repoUpdates;
    private final RepoRepository repos;
    private final BlobCollector collector;

    FileCommits(Versions versions, RepoUpdates repoUpdates, RepoRepository repos, BlobCollector collector) {
        this.collector = collector;
        this.versions = versions;
        this.repoUpdates = repoUpdates;
        this.repos = repos;
    }

    /**
     * Refuses a {@code parentCommit} that is not a full commit id: every write that takes one says so alike.
     *
     * @param parentCommit null (no check asked for), or what the caller sent
     * @throws BadRequestException when it is not 40 lower-case hex characters
     */
    public static void requireCommitId(String parentCommit) {
        if (parentCommit != null && !COMMIT_ID.matcher(parentCommit).matches()) {
            throw new BadRequestException("parentCommit must be a full commit id (40 hex characters)");
        }
    }

    /**
     * Commits {@code edits} on {@code main}.
     *
     * @param repo         a repository found through {@link RepoAccess#writable}
     * @param message      the commit message, as it is to be stored
     * @param parentCommit null, or the 40-hex head the change was based on
     * @param edits        puts (path, sha256, size: blobs stored by {@code writer} or already referenced by the
     *                     repository) and deletes (of a file, or of a folder with everything in it)
     * @param writer       the writer that stored the put blobs, or null when every blob named is the repository's
     *                     already (deletes, restores)
     * @param files        what the answer lists as touched; null: the commit's changes (a deleted file as it was)
     * @throws io.modellibrary.common.BadRequestException when {@code parentCommit} is not 40 hex characters, or an edit is invalid
     * @throws io.modellibrary.versioning.HeadMovedException when {@code parentCommit} is not the head
     * @throws IOException when the blobs cannot be made durable
     */
    public CommitResult commit(Repo repo, CurrentUser user, String message, String parentCommit, List<Edit> edits,
                        BlobWriter writer, List<CommitResult.FileInfo> files) throws IOException {
        return commit(repo, Versions.MAIN, user, message, parentCommit, edits, writer, files);
    }

    /**
     * The same on {@code branch} (null or blank: {@code main}); a tag is refused
     * ({@code BadRequestException}), a missing branch answers as not found.
     */
    public CommitResult commit(Repo repo, String branch, CurrentUser user, String message, String parentCommit, List<Edit> edits,
                        BlobWriter writer, List<CommitResult.FileInfo> files) throws IOException {
        requireCommitId(parentCommit);
        String onto = branch == null || branch.isBlank() ? Versions.MAIN : branch.strip();
        Versions.Outcome outcome;
        if (writer == null) {
            outcome = versions.commit(repo.getId(), onto, user.username(), message, parentCommit, edits,
                    () -> repos.existsById(repo.getId()));
        } else {
            writer.flush();
            writer.reference(repo.getId());
            boolean landed = false;
            try {
                outcome = versions.commit(repo.getId(), onto, user.username(), message, parentCommit, edits,
                        () -> repos.existsById(repo.getId()));
                landed = outcome.changed();
            } finally {
                // whatever ended the commit: the collector records a mark only once it is confirmed
                if (landed) {
                    writer.confirm();
                } else {
                    writer.unreference(); // refused, failed, or nothing changed (the repository references these blobs already)
                }
            }
            collector.wake();
        }
        if (outcome.changed()) {
            repoUpdates.recordChange(repo, outcome.commit().time(), message);
        }
        List<CommitResult.FileInfo> touched = files != null ? files : outcome.changes().stream()
                .map(c -> c.newSha256() == null ? new CommitResult.FileInfo(c.path(), c.oldSize(), c.oldSha256())
                        : new CommitResult.FileInfo(c.path(), c.newSize(), c.newSha256())).toList();
        return CommitResult.of(outcome, touched);
    }
}
