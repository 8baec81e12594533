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
     * @param complete false when more than {@code limit} files differ
     */
    public record Result(List<Change> changes, boolean complete) {
    }

    /**
     * The changes that turn the tree {@code from} into the tree {@code to}.
     *
     * @param from   a tree id; null for an empty tree
     * @param to     a tree id; null for an empty tree
     * @param prefix put before every path: "" for roots, {@code folder/} for sub-trees
     * @param limit  the most changes returned
     */
    public Result between(String from, String to, String prefix, int limit) {
        List<Change> out = new ArrayList<>();
        boolean complete = walk(from, to, prefix, out, limit);
        return new Result(out, complete);
    }

    /** The changes between the root trees of two commits (null: an empty tree). */
    public Result between(CommitDoc from, CommitDoc to, int limit) {
        return between(from == null ? null : from.root(), to == null ? null : to.root(), "", limit);
    }

    /** False once {@code out} holds {@code limit} changes and another was found. */
    private boolean walk(String a, String b, String prefix, List<Change> out, int limit) {
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
            boolean more;
            if (cmp < 0) {
                more = one(left.get(i++), null, prefix, out, limit);
            } else if (cmp > 0) {
                more = one(null, right.get(j++), prefix, out, limit);
            } else {
                more = one(left.get(i++), right.get(j++), prefix, out, limit);
            }
            if (!more) {
                return false;
            }
        }
        return true;
    }

    /** One name present on either side or both (same kind). */
    private boolean one(Entry before, Entry after, String prefix, List<Change> out, int limit) {
        Entry any = before != null ? before : after;
        String path = prefix + any.name();
        if (any.folder()) {
            return walk(before == null ? null : before.id(), after == null ? null : after.id(), path + "/", out, limit);
        }
        if (before != null && after != null && before.id().equals(after.id())) {
            return true;
        }
        if (out.size() == limit) {
            return false;
        }
        out.add(after == null ? Change.delete(path, before) : Change.put(path, before, after.id(), after.size()));
        return true;
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
