package io.modellibrary.files;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.Times;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TextContent;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.files.FileViews.BlobView;
import io.modellibrary.files.FileViews.FileDiff;
import io.modellibrary.files.FileViews.FilesTable;
import io.modellibrary.files.FileViews.TableEntry;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Change;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Optional;

/** Reading a repository's files: the table of a folder, one file, a commit's diff. */
@Service
class FileReads {

    /**
     * Entries per filesTable answer: a folder up to this size comes whole, as the seed's plain
     * array; a larger one in pages of this size, with {@code cursor} for the next.
     */
    static final int TABLE_PAGE = 1000;

    /**
     * The most text one diff response carries: {@code prevData} and {@code newData} of all
     * entries together, in bytes. A commit may change thousands of files of up to 1 MB each
     * (one blob under many paths is stored once), and anyone may ask for a public
     * repository's diff; past this budget entries come without their text.
     */
    static final long DIFF_TEXT_BUDGET = 4L * 1024 * 1024;

    private final RepoAccess access;
    private final RevisionReads trees;
    private final Versions versions;
    private final Revisions revisions;
    private final BlobStore blobs;
    private final FileLinks links;

    FileReads(RepoAccess access, RevisionReads trees, Versions versions, Revisions revisions, BlobStore blobs,
              FileLinks links) {
        this.access = access;
        this.trees = trees;
        this.versions = versions;
        this.revisions = revisions;
        this.blobs = blobs;
        this.links = links;
    }

    /** One page of a folder: folders first, then files, each by name ignoring case. */
    FilesTable table(RepoType type, String name, String folderParam, String revision, String cursor, CurrentUser user) {
        RepoPath folder = RepoPath.folder(folderParam);
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        RevisionReads.TreePage page = trees.tree(at, folder, cursor, TABLE_PAGE);
        UnaryOperator<String> download = links.downloads(at.repo(), at.revision());
        List<TableEntry> rows = page.entries().stream()
                .map(e -> TableEntry.of(e, e.folder() ? null : download.apply(e.path()))).toList();
        return new FilesTable(rows, page.total(), page.cursor());
    }

    BlobView blob(String filepath, CurrentUser user) throws IOException {
        BlobAddress address = BlobAddress.parse(filepath);
        RepoAccess.Snapshot at = access.snapshot(address.type(), address.name(), address.revision(), user);
        TreeEntry file = trees.file(at, RepoPath.of(address.path()));
        Optional<String> text = trees.text(file);
        return new BlobView(RepoPath.of(file.path()).name(), file.path(), at.revision(), Times.format(file.lastModified()),
                file.lastModifiedInformation(), file.size(), file.sha256(),
                links.download(at.repo(), at.revision(), file.path()), text.isPresent(), text.orElse(null));
    }

    /**
     * Page {@code page} of the commit's changes ({@value CommitDoc#CHANGES_PAGE} a page), in
     * path order, with their text while {@link #DIFF_TEXT_BUDGET} lasts: from the first entry
     * whose text would exceed it on, every entry comes truncated.
     */
    List<FileDiff> diff(RepoType type, String name, String commitId, int page, CurrentUser user) throws IOException {
        Repo repo = access.readable(type, name, user);
        CommitDoc commit = revisions.require(repo.getId(), commitId);
        List<FileDiff> diffs = new ArrayList<>();
        long budget = DIFF_TEXT_BUDGET;
        for (Change change : versions.changes(commit, page)) {
            if (textToRead(change) <= budget) {
                FileDiff diff = diff(change);
                budget -= textReturned(change, diff);
                diffs.add(diff);
            } else {
                budget = -1; // spent: nothing after this entry is read either
                diffs.add(FileDiff.truncated(oldName(change), newName(change), status(change)));
            }
        }
        return diffs;
    }

    private FileDiff diff(Change c) throws IOException {
        Optional<String> before = c.oldSha256() == null ? Optional.of("") : TextContent.read(blobs, c.oldSha256(), c.oldSize());
        Optional<String> after = c.newSha256() == null ? Optional.of("") : TextContent.read(blobs, c.newSha256(), c.newSize());
        boolean displayable = before.isPresent() && after.isPresent();
        return new FileDiff(oldName(c), newName(c), before.orElse(null), after.orElse(null), status(c), displayable, false);
    }

    /** The bytes {@link TextContent#read} would load for the change: sides up to the text limit. */
    static long textToRead(Change c) {
        return textSize(c.oldSha256(), c.oldSize()) + textSize(c.newSha256(), c.newSize());
    }

    private static long textSize(String sha256, long size) {
        return sha256 != null && size <= FilesProperties.MAX_TEXT_BYTES ? size : 0;
    }

    /** The bytes of text the entry carries (UTF-8 text is as long as its blob). */
    private static long textReturned(Change c, FileDiff diff) {
        return (diff.prevData() == null ? 0 : c.oldSize()) + (diff.newData() == null ? 0 : c.newSize());
    }

    static String oldName(Change c) {
        return c.op() == Change.Op.ADD ? null : c.path();
    }

    static String newName(Change c) {
        return c.op() == Change.Op.DELETE ? null : c.path();
    }

    static String status(Change c) {
        return c.op().name().toLowerCase(Locale.ROOT);
    }
}
