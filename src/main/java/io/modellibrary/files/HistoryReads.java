package io.modellibrary.files;

import io.modellibrary.content.TextCache;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.files.HistoryViews.CommitView;
import io.modellibrary.files.HistoryViews.CompareEntry;
import io.modellibrary.files.HistoryViews.Comparison;
import io.modellibrary.files.HistoryViews.Log;
import io.modellibrary.files.HistoryViews.RefList;
import io.modellibrary.files.HistoryViews.RefView;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Change;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Diffs;
import io.modellibrary.versioning.History;
import io.modellibrary.versioning.Refs;
import io.modellibrary.versioning.Revisions;
import io.modellibrary.versioning.Versions;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading history: the log (whole or of one path), the refs, and the comparison of two
 * revisions. Every read first finds the repository through its visibility, so a private
 * repository's history is {@code no such item} to anyone who may not read it.
 */
@Service
class HistoryReads {

    /** Files per comparison; past it {@code complete} is false. */
    static final int COMPARE_LIMIT = 1000;

    private final RepoAccess access;
    private final Revisions revisions;
    private final History history;
    private final Diffs diffs;
    private final Refs refs;
    private final Versions versions;
    private final TextCache texts;

    HistoryReads(RepoAccess access, Revisions revisions, History history, Diffs diffs, Refs refs, Versions versions,
                 TextCache texts) {
        this.access = access;
        this.revisions = revisions;
        this.history = history;
        this.diffs = diffs;
        this.refs = refs;
        this.versions = versions;
        this.texts = texts;
    }

    /** Page {@code pageIndex} (from 1, {@code pageSize} commits) of the log from {@code revision}, narrowed to {@code path} if given. */
    Log log(RepoType type, String name, String revision, String path, int pageIndex, int pageSize, CurrentUser user) {
        Repo repo = access.readable(type, name, user);
        CommitDoc from = revisions.resolve(repo.getId(), revision).orElse(null);
        String narrowed = RepoPath.folder(path).toString();
        History.Page page = history.log(repo.getId(), from, narrowed, pageIndex, pageSize);
        return new Log(page.commits().stream().map(CommitView::of).toList(), page.total(), page.complete());
    }

    RefList refs(RepoType type, String name, CurrentUser user) {
        Repo repo = access.readable(type, name, user);
        List<RefView> branches = new ArrayList<>();
        List<RefView> tags = new ArrayList<>();
        for (Refs.Ref r : refs.list(repo.getId())) {
            (r.kind() == Refs.Kind.TAG ? tags : branches).add(RefView.of(r));
        }
        return new RefList(branches, tags);
    }

    /**
     * The files that differ from {@code from} to {@code to}: {@code to} defaults to
     * {@code main}, {@code from} to {@code to}'s parent (the empty tree for a first commit).
     * Text while {@link FileReads#DIFF_TEXT_BUDGET} lasts. {@code cursor}: the previous page's, or null.
     */
    Comparison compare(RepoType type, String name, String fromRev, String toRev, String cursor, CurrentUser user)
            throws IOException {
        Repo repo = access.readable(type, name, user);
        CommitDoc to = revisions.resolve(repo.getId(), toRev).orElse(null);
        CommitDoc from;
        if (fromRev != null && !fromRev.isBlank()) {
            from = revisions.require(repo.getId(), fromRev);
        } else {
            from = to == null || to.parent() == null ? null : versions.commit(repo.getId(), to.parent());
        }
        Diffs.Result result = diffs.between(from, to, COMPARE_LIMIT, DiffCursor.decode(cursor));
        List<CompareEntry> files = new ArrayList<>();
        long budget = FileReads.DIFF_TEXT_BUDGET;
        for (Change c : result.changes()) {
            long cost = FileReads.textToRead(c);
            CompareEntry entry = cost <= budget ? entry(c) : entry(c, null, null, "budget");
            budget = cost <= budget ? budget - (entry.prevData() == null ? 0 : cost) : -1;
            files.add(entry);
        }
        String next = result.complete() ? null : DiffCursor.encode(result.changes().get(result.changes().size() - 1).path());
        return new Comparison(from == null ? null : from.id(), to == null ? null : to.id(), files, result.complete(), next);
    }

    private CompareEntry entry(Change c) throws IOException {
        if (tooLarge(c.oldSha256(), c.oldSize()) || tooLarge(c.newSha256(), c.newSize())) {
            return entry(c, null, null, "tooLarge");
        }
        Optional<String> before = text(c.oldSha256(), c.oldSize());
        Optional<String> after = text(c.newSha256(), c.newSize());
        if (before.isEmpty() || after.isEmpty()) {
            return entry(c, null, null, "binary");
        }
        return entry(c, before.get(), after.get(), null);
    }

    private static boolean tooLarge(String sha256, long size) {
        return sha256 != null && size > FilesProperties.MAX_TEXT_BYTES;
    }

    private Optional<String> text(String sha256, long size) throws IOException {
        return sha256 == null ? Optional.of("") : texts.text(sha256, size);
    }

    private static CompareEntry entry(Change c, String prev, String next, String noText) {
        boolean added = c.oldSha256() == null;
        boolean deleted = c.newSha256() == null;
        return new CompareEntry(FileReads.status(c), FileReads.oldName(c), FileReads.newName(c),
                added ? null : c.oldSize(), deleted ? null : c.newSize(), c.oldSha256(), c.newSha256(), prev, next, noText);
    }
}
