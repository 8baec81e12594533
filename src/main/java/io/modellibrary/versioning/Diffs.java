package io.modellibrary.versioning;

import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The files that differ between two trees, as {@code git diff-tree -r} finds them: folders
 * with the same tree id are equal and skipped unread, and of two large (paged) folders only
 * the pages they do not share are read. So the cost follows what changed, not the
 * repository's size: a one-file change in a million-file repository reads one page per
 * folder on its path. Changes come in the order of the file table (in each folder,
 * sub-folders first, then files, by name ignoring case), depth first.
 */
@Service
public class Diffs {

    private final TreeStore trees;

    Diffs(TreeStore trees) {
        this.trees = trees;
    }

    /**
     * Up to {@code limit} changes, and whether they are all.
     *
     * @param complete false when more than {@code limit} files differ; pass the last change's
     *                 path as {@code after} to read on
     */
    public record Result(List<Change> changes, boolean complete) {
    }

    /**
     * The changes that turn the tree {@code from} into the tree {@code to}, after the change at
     * path {@code after} (null: from the first). Folders that sort before {@code after} are
     * skipped unread, so reading on costs no more than the first page.
     *
     * @param from   a tree id; null for an empty tree
     * @param to     a tree id; null for an empty tree
     * @param prefix put before every path: "" for roots, {@code folder/} for sub-trees
     * @param limit  the most changes returned
     * @param after  null, or the full path of the last change already read (it starts with {@code prefix})
     */
    public Result between(String from, String to, String prefix, int limit, String after) {
        String[] mark = after == null || !after.startsWith(prefix) ? null : after.substring(prefix.length()).split("/");
        Walk walk = new Walk(limit, mark);
        boolean complete = walk.folder(from, to, prefix, 0, mark != null);
        return new Result(walk.out, complete);
    }

    /** {@link #between(String, String, String, int, String)} from the first change. */
    public Result between(String from, String to, String prefix, int limit) {
        return between(from, to, prefix, limit, null);
    }

    /** The changes between the root trees of two commits (null: an empty tree), after {@code after}. */
    public Result between(CommitDoc from, CommitDoc to, int limit, String after) {
        return between(from == null ? null : from.root(), to == null ? null : to.root(), "", limit, after);
    }

    /** {@link #between(CommitDoc, CommitDoc, int, String)} from the first change. */
    public Result between(CommitDoc from, CommitDoc to, int limit) {
        return between(from, to, limit, null);
    }

    /** One comparison: the changes found so far, and where to start. */
    private final class Walk {
        private final List<Change> out = new ArrayList<>();
        private final int limit;
        private final String[] after;

        Walk(int limit, String[] after) {
            this.limit = limit;
            this.after = after;
        }

        /**
         * False once {@code out} holds {@code limit} changes and another was found.
         *
         * @param bounded true while the folder lies on {@code after}'s path: entries before it are skipped
         */
        boolean folder(String a, String b, String prefix, int depth, boolean bounded) {
            if (Objects.equals(a, b)) {
                return true;
            }
            Set<String> shared = sharedPages(a, b);
            List<Entry> left = entries(a, shared);
            List<Entry> right = entries(b, shared);
            int i = 0;
            int j = 0;
            while (i < left.size() || j < right.size()) {
                int cmp = i == left.size() ? 1 : j == right.size() ? -1 : Entry.ORDER.compare(left.get(i), right.get(j));
                Entry before = cmp <= 0 ? left.get(i++) : null;
                Entry now = cmp >= 0 ? right.get(j++) : null;
                if (!one(before, now, prefix, depth, bounded)) {
                    return false;
                }
            }
            return true;
        }

        /** One name present on either side or both (same kind). */
        private boolean one(Entry before, Entry now, String prefix, int depth, boolean bounded) {
            Entry any = before != null ? before : now;
            int position = bounded ? position(any, depth) : 1;
            if (position < 0 || (position == 0 && !any.folder())) {
                return true; // read already
            }
            String path = prefix + any.name();
            if (any.folder()) {
                return folder(before == null ? null : before.id(), now == null ? null : now.id(), path + "/", depth + 1,
                        position == 0);
            }
            if (before != null && now != null && before.id().equals(now.id())) {
                return true;
            }
            if (out.size() == limit) {
                return false;
            }
            out.add(now == null ? Change.delete(path, before) : Change.put(path, before, now.id(), now.size()));
            return true;
        }

        /** Where the entry lies against {@code after} at this depth: before it (< 0), on its path (0), past it (> 0). */
        private int position(Entry entry, int depth) {
            if (depth >= after.length) {
                return 1;
            }
            return Entry.ORDER.compare(entry, Entry.key(depth < after.length - 1, after[depth]));
        }
    }

    private Set<String> sharedPages(String a, String b) {
        if (a == null || b == null) {
            return Set.of();
        }
        TreeDoc da = trees.get(a);
        TreeDoc db = trees.get(b);
        if (!da.paged() || !db.paged()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        da.pages().forEach(p -> ids.add(p.id()));
        Set<String> shared = new HashSet<>();
        db.pages().stream().map(TreeDoc.PageRef::id).filter(ids::contains).forEach(shared::add);
        return shared;
    }

    /** The folder's entries in order, leaving out those on shared pages (they are equal on both sides). */
    private List<Entry> entries(String treeId, Set<String> shared) {
        if (treeId == null) {
            return List.of();
        }
        TreeDoc doc = trees.get(treeId);
        if (!doc.paged()) {
            return doc.entries();
        }
        List<Entry> entries = new ArrayList<>();
        doc.pages().stream().filter(p -> !shared.contains(p.id())).forEach(p -> entries.addAll(trees.get(p.id()).entries()));
        return entries;
    }
}
