package io.modellibrary.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modellibrary.common.Times;
import io.modellibrary.versioning.Change;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Refs;

import java.util.List;
import java.util.Locale;

/** The response bodies of the history endpoints: the log, refs and comparisons. */
final class HistoryViews {

    private HistoryViews() {
    }

    /**
     * A page of the log, newest first. {@code numTotalItems}: commits in the whole log; with
     * a {@code path}, those found, and {@code complete} false if the search stopped early.
     */
    record Log(List<CommitView> list, long numTotalItems, boolean complete) {
    }

    /**
     * One commit with the first page of its changes ({@code changeCount} in all; the others
     * through getPrevAndNewFile's {@code page}). {@code parent} is the first of {@code parents}.
     */
    record CommitView(String id, List<String> parents, String parent, String message, String author, String time,
                      int changeCount, List<ChangeView> changes) {
        static CommitView of(CommitDoc c) {
            return new CommitView(c.id(), c.parents(), c.parent(), c.message(), c.author(), Times.format(c.time()),
                    c.changeCount(), c.changes().stream().map(ChangeView::of).toList());
        }
    }

    /** A changed file: {@code op} add, modify or delete; {@code size} the new size (the old one for a delete). */
    record ChangeView(String op, String path, long size) {
        static ChangeView of(Change c) {
            return new ChangeView(c.op().name().toLowerCase(Locale.ROOT), c.path(),
                    c.op() == Change.Op.DELETE ? c.oldSize() : c.newSize());
        }
    }

    /** A branch or tag as the Hub's {@code list_repo_refs} shows it. */
    record RefView(String name, String ref, String targetCommit) {
        static RefView of(Refs.Ref r) {
            return new RefView(r.name(), r.ref(), r.targetCommit());
        }
    }

    record RefList(List<RefView> branches, List<RefView> tags) {
    }

    /**
     * A comparison of two commits: {@code from} null for the empty tree before the first
     * commit; {@code complete} false when more files differ than listed, and then
     * {@code cursor} reads on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Comparison(String from, String to, List<CompareEntry> files, boolean complete, String cursor) {
    }

    /**
     * One changed file. {@code status} add, modify or delete; the absent side's name, size
     * and sha256 are null. {@code prevData}/{@code newData} hold the text of each side (empty
     * for an absent side) when both are UTF-8 text up to 1 MB; otherwise both are null and
     * {@code noText} says why: {@code binary}, {@code tooLarge}, or {@code budget} (the
     * response's text budget was spent; read the file through getBlob).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompareEntry(String status, String oldFileName, String newFileName, Long oldSize, Long newSize,
                        String oldSha256, String newSha256, String prevData, String newData, String noText) {
    }
}
