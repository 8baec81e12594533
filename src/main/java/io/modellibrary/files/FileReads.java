package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.Times;
import io.modellibrary.files.FileViews.BlobView;
import io.modellibrary.files.FileViews.CommitView;
import io.modellibrary.files.FileViews.FileDiff;
import io.modellibrary.files.FileViews.TableEntry;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reading a repository's files: the table of a folder, one file, the history, a commit's diff. */
@Service
class FileReads {

    private static final Comparator<TreeEntry> FOLDERS_FIRST_BY_NAME = Comparator
            .comparing((TreeEntry e) -> !e.folder())
            .thenComparing(e -> RepoPath.of(e.path()).name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(TreeEntry::path);

    private final RepoAccess access;
    private final CommitStore commits;
    private final BlobStore blobs;
    private final FileLinks links;

    FileReads(RepoAccess access, CommitStore commits, BlobStore blobs, FileLinks links) {
        this.access = access;
        this.commits = commits;
        this.blobs = blobs;
        this.links = links;
    }

    List<TableEntry> table(RepoType type, String name, String folderParam, String revision, CurrentUser user) {
        RepoPath folder = RepoPath.folder(folderParam);
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        if (!at.tree().isFolder(folder)) {
            throw new NoSuchItemException("no such folder: " + folder);
        }
        return at.tree().children(folder).stream()
                .sorted(FOLDERS_FIRST_BY_NAME)
                .map(e -> TableEntry.of(e, e.folder() ? null : links.download(at.repo(), at.revision(), e.path())))
                .toList();
    }

    BlobView blob(String filepath, CurrentUser user) throws IOException {
        BlobAddress address = BlobAddress.parse(filepath);
        RepoAccess.Snapshot at = access.snapshot(address.type(), address.name(), address.revision(), user);
        TreeEntry file = at.tree().file(RepoPath.of(address.path()));
        Optional<String> text = TextContent.read(blobs.path(file.sha256()), file.size());
        return new BlobView(RepoPath.of(file.path()).name(), file.path(), at.revision(), Times.format(file.lastModified()),
                file.lastModifiedInformation(), file.size(), file.sha256(),
                links.download(at.repo(), at.revision(), file.path()), text.isPresent(), text.orElse(null));
    }

    List<CommitView> history(RepoType type, String name, String revision, int limit, CurrentUser user) {
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        if (at.commit() == null) {
            return List.of();
        }
        return commits.history(at.repo().getId(), at.commit(), limit).stream().map(CommitView::of).toList();
    }

    List<FileDiff> diff(RepoType type, String name, String commitId, CurrentUser user) throws IOException {
        Repo repo = access.readable(type, name, user);
        CommitDoc commit = commits.get(repo.getId(), commitId);
        List<FileDiff> diffs = new java.util.ArrayList<>();
        for (Change change : commit.changes()) {
            diffs.add(diff(change));
        }
        return diffs;
    }

    private FileDiff diff(Change c) throws IOException {
        Optional<String> before = c.oldSha256() == null ? Optional.of("") : TextContent.read(blobs.path(c.oldSha256()), c.oldSize());
        Optional<String> after = c.newSha256() == null ? Optional.of("") : TextContent.read(blobs.path(c.newSha256()), c.newSize());
        boolean displayable = before.isPresent() && after.isPresent();
        return new FileDiff(c.op() == Change.Op.ADD ? null : c.path(), c.op() == Change.Op.DELETE ? null : c.path(),
                before.orElse(null), after.orElse(null), c.op().name().toLowerCase(java.util.Locale.ROOT), displayable);
    }
}
