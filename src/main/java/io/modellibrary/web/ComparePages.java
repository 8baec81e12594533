package io.modellibrary.web;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Diffs;
import io.modellibrary.versioning.Revisions;
import org.springframework.stereotype.Service;

/**
 * The comparison of two revisions ({@code git diff from...to} as GitHub shows it at
 * {@code /compare/from...to}): the files that differ between their trees, found by
 * {@link Diffs} (equal folders skipped unread), with line diffs by {@link ChangeDiffs}.
 */
@Service
class ComparePages {

    /** Between the two revisions in a comparison's URL, as GitHub writes it. */
    static final String SEPARATOR = "...";

    private final PageRepos lookup;
    private final Revisions revisions;
    private final Diffs diffs;
    private final ChangeDiffs changes;
    private final RepoPages pages;

    ComparePages(PageRepos lookup, Revisions revisions, Diffs diffs, ChangeDiffs changes, RepoPages pages) {
        this.lookup = lookup;
        this.revisions = revisions;
        this.diffs = diffs;
        this.changes = changes;
        this.pages = pages;
    }

    /**
     * The page for {@code spec}, {@code from...to}.
     *
     * @throws BadRequestException when {@code spec} does not hold {@value #SEPARATOR} between two revisions
     * @throws io.modellibrary.common.NoSuchItemException when the repository is missing or invisible
     * @throws io.modellibrary.versioning.NoSuchRevisionException when a revision names no commit
     */
    WebViews.ComparePage compare(RepoType type, String name, String spec, CurrentUser user) {
        int split = spec == null ? -1 : spec.indexOf(SEPARATOR);
        if (split <= 0 || split + SEPARATOR.length() >= spec.length()) {
            throw new BadRequestException("compare two revisions as from...to, such as v1...main");
        }
        // each side read as every page reads a revision (HEAD is the default branch)
        String fromRev = WebPaths.revision(spec.substring(0, split));
        String toRev = WebPaths.revision(spec.substring(split + SEPARATOR.length()));
        RepoAccess.Snapshot to = lookup.snapshot(type, name, toRev, user);
        CommitDoc toCommit = revisions.require(to.repo().getId(), toRev);
        CommitDoc fromCommit = revisions.require(to.repo().getId(), fromRev);
        Diffs.Result result = diffs.between(fromCommit, toCommit, ChangeDiffs.LISTED_CHANGES);
        RepoUrls urls = RepoPages.urls(to);
        return new WebViews.ComparePage(pages.header(to, user), fromRev, toRev, RepoPages.row(urls, fromCommit),
                RepoPages.row(urls, toCommit), changes.files(result.changes(), urls, toCommit.id()), !result.complete(),
                urls.home() + "/compare");
    }

    /**
     * The comparison's form alone, for a {@code spec} ({@code from...to}) that was refused: its two
     * revisions as typed (all of it as {@code from} without {@value #SEPARATOR}), no files.
     *
     * @throws io.modellibrary.common.NoSuchItemException when the repository is missing or invisible
     */
    WebViews.ComparePage refused(RepoType type, String name, String spec, CurrentUser user) {
        int split = spec.indexOf(SEPARATOR);
        return split < 0 ? refused(type, name, spec, "", user)
                : refused(type, name, spec.substring(0, split), spec.substring(split + SEPARATOR.length()), user);
    }

    /** The comparison's form alone with {@code from} and {@code to} as typed (null as empty), no files. */
    WebViews.ComparePage refused(RepoType type, String name, String from, String to, CurrentUser user) {
        RepoAccess.Snapshot at = lookup.snapshot(type, name, null, user);
        RepoUrls urls = RepoPages.urls(at);
        return new WebViews.ComparePage(pages.header(at, user), from == null ? "" : from, to == null ? "" : to, null, null,
                java.util.List.of(), false, urls.home() + "/compare");
    }

    /** The comparison's URL for the form's two revisions. */
    static String url(RepoType type, String name, String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new BadRequestException("name two revisions to compare");
        }
        return new RepoUrls(type, name).compare(from.strip(), to.strip());
    }
}
