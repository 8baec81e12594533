package io.modellibrary.web;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.content.DamagedBlobException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RevisionReads;
import io.modellibrary.content.TreeEntry;
import io.modellibrary.versioning.Change;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changed files of a commit or a comparison as the pages list them: at most
 * {@value #LISTED_CHANGES} files, the first {@value #DIFFED_FILES} with a line diff when both
 * sides are text of at most {@value #DIFFED_BYTES} bytes (read through {@link RevisionReads}).
 */
@Component
class ChangeDiffs {

    /** Changed files that get a diff, and the largest side diffed. */
    static final int DIFFED_FILES = 20;
    static final long DIFFED_BYTES = 256 * 1024;
    /** Changed files listed on one page. */
    static final int LISTED_CHANGES = 300;

    private final RevisionReads reads;
    private final BlobStore blobs;

    ChangeDiffs(RevisionReads reads, BlobStore blobs) {
        this.reads = reads;
        this.blobs = blobs;
    }

    /**
     * The listed files of {@code changes}, each linked to its new version at {@code revision}.
     *
     * @param revision where a file that still exists is shown (a commit id or a revision name)
     */
    List<WebViews.ChangedFile> files(List<Change> changes, RepoUrls urls, String revision) {
        return files(changes, urls, revision, null);
    }

    /**
     * {@link #files(List, RepoUrls, String)}, each deleted or changed file with a link to the confirmation page
     * restoring it alone as at {@code restoreFrom} (the commit's parent: the file as before the commit), the link
     * naming {@code revision} as the commit it undoes ({@link RepoUrls#restoreBefore}).
     *
     * @param revision    the commit shown (a commit id)
     * @param restoreFrom its parent's id, or null for no such links
     */
    List<WebViews.ChangedFile> files(List<Change> changes, RepoUrls urls, String revision, String restoreFrom) {
        List<WebViews.ChangedFile> files = new ArrayList<>();
        for (Change c : changes) {
            if (files.size() >= LISTED_CHANGES) {
                break;
            }
            List<WebViews.DiffLine> diff = files.size() < DIFFED_FILES ? diff(c) : null;
            String url = c.op() == Change.Op.DELETE ? null : urls.blob(revision, c.path());
            String restore = restoreFrom == null || c.op() == Change.Op.ADD ? null : urls.restoreBefore(restoreFrom, c.path(), revision);
            files.add(new WebViews.ChangedFile(c.op().name().toLowerCase(), c.path(), url,
                    c.oldSha256() == null ? "" : Formats.size(c.oldSize()),
                    c.newSha256() == null ? "" : Formats.size(c.newSize()), diff, restore));
        }
        return files;
    }

    /**
     * The text of a file a page shows whole (its file page, its edit form), or empty when it is
     * binary or larger than the text limit; never a damaged blob's bytes as if they were the file.
     *
     * @throws DamagedBlobException when its blob is missing or not of the recorded size: the check the
     *                              downloads make, which logs one ERROR
     */
    Optional<String> wholeText(RepoAccess.Snapshot at, TreeEntry file) {
        DamagedBlobException.check(at.repo(), file.path(), file.sha256(), file.size(), blobs);
        return text(file);
    }

    /** The text of a file, or empty when it is binary or larger than the text limit. */
    Optional<String> text(TreeEntry file) {
        try {
            return reads.text(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<WebViews.DiffLine> diff(Change c) {
        if ((c.oldSha256() != null && c.oldSize() > DIFFED_BYTES) || (c.newSha256() != null && c.newSize() > DIFFED_BYTES)) {
            return null;
        }
        Optional<String> before = c.oldSha256() == null ? Optional.of("") : text(blob(c.path(), c.oldSha256(), c.oldSize()));
        Optional<String> after = c.newSha256() == null ? Optional.of("") : text(blob(c.path(), c.newSha256(), c.newSize()));
        return before.isPresent() && after.isPresent() ? LineDiff.of(before.get(), after.get()) : null;
    }

    private static TreeEntry blob(String path, String sha256, long size) {
        return new TreeEntry(path, false, sha256, size, null, null, null);
    }
}
