package io.modellibrary.content;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Entry;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reading a repository's tree at a revision (a {@link RepoAccess.Snapshot}, which has passed
 * the access check): a folder's entries a page at a time, one file's metadata, a file's text.
 */
@Service
public class RevisionReads {

    private final Versions versions;
    private final BlobStore blobs;

    RevisionReads(Versions versions, BlobStore blobs) {
        this.versions = versions;
        this.blobs = blobs;
    }

    /**
     * One page of a folder's direct entries: folders first, then files, each by name ignoring case.
     *
     * @param folder the folder ({@link RepoPath#ROOT} for the root)
     * @param cursor the previous page's {@link TreePage#cursor()}, or null for the first page
     * @param limit  the most entries on the page, at least 1
     * @throws BadRequestException when the cursor is not one this server gave out
     */
    public TreePage tree(RepoAccess.Snapshot at, RepoPath folder, String cursor, int limit) {
        Versions.Listing listing = versions.list(at.commit(), folder.toString(), TableCursor.decode(cursor), limit);
        String prefix = folder.isRoot() ? "" : folder + "/";
        List<TreeEntry> entries = listing.entries().stream().map(e -> entry(at, prefix + e.name(), e)).toList();
        return new TreePage(entries, listing.total(), listing.next() == null ? null : TableCursor.encode(listing.next()));
    }

    /**
     * A page of a folder.
     *
     * @param entries the entries of this page, their paths full
     * @param total   the entries of the whole folder
     * @param cursor  opaque; reads the next page, or null on the last
     */
    public record TreePage(List<TreeEntry> entries, int total, String cursor) {
    }

    /**
     * The file at {@code path} in the snapshot, with its last change.
     *
     * @throws NoSuchItemException when there is nothing or a folder at that path ({@code no such file: <path>})
     */
    public TreeEntry file(RepoAccess.Snapshot at, RepoPath path) {
        Entry entry = versions.find(at.commit(), path.toString()).filter(e -> !e.folder())
                .orElseThrow(() -> new NoSuchItemException("no such file: " + path));
        return entry(at, path.toString(), entry);
    }

    /** The file or folder at {@code path} in the snapshot, with its last change; empty when there is none. */
    public Optional<TreeEntry> entry(RepoAccess.Snapshot at, RepoPath path) {
        return versions.find(at.commit(), path.toString()).map(e -> entry(at, path.toString(), e));
    }

    /**
     * The cursor of a {@link #tree} page that would end with {@code last}: the next page starts
     * after it. Lets a caller resume a folder's listing after any entry it has.
     */
    public static String cursorAfter(TreeEntry last) {
        return TableCursor.encode(new Entry(RepoPath.of(last.path()).name(), last.folder(), null, 0, null));
    }

    /** A stored entry at {@code path} with its last change's time and message. */
    private TreeEntry entry(RepoAccess.Snapshot at, String path, Entry entry) {
        CommitDoc changed = versions.commit(at.repo().getId(), entry.commit());
        return new TreeEntry(path, entry.folder(), entry.folder() ? null : entry.id(), entry.size(), entry.commit(),
                changed.time(), changed.message(), entry.folder() ? entry.id() : null);
    }

    /**
     * The file's text when it is displayable: valid UTF-8 without NUL, up to
     * {@value FilesProperties#MAX_TEXT_BYTES} bytes (see {@link TextContent}); empty otherwise.
     *
     * @throws IOException when its blob cannot be read
     */
    public Optional<String> text(TreeEntry file) throws IOException {
        return TextContent.read(blobs, file.sha256(), file.size());
    }
}
