package io.modellibrary.versioning;

import io.modellibrary.common.NoSuchItemException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * What restoring a file, a folder or the whole tree as it was at an older commit asks of a
 * new commit ({@code git restore --source=<rev> -- <path>}, then commit): the edits that turn
 * the head's version into the old one, found by {@link Diffs} (equal folders skipped), so
 * the commit rewrites only what differs. The edits name blobs the old commit already
 * references: nothing is copied or stored again.
 */
@Service
public class Restore {

    private final Versions versions;
    private final Diffs diffs;

    Restore(Versions versions, Diffs diffs) {
        this.versions = versions;
        this.diffs = diffs;
    }

    /**
     * The edits that make {@code path} (or everything, for null or "") in {@code head} what it is in {@code target}.
     * Empty when they are equal already.
     *
     * @param head   the branch's head; null for a branch without commits
     * @param target the commit to restore from
     * @throws NoSuchItemException when {@code path} exists in neither a file nor a folder at {@code target}
     */
    public List<Edit> edits(CommitDoc head, CommitDoc target, String path) {
        if (path == null || path.isEmpty()) {
            return toEdits(diffs.between(head, target, Integer.MAX_VALUE).changes());
        }
        Entry old = versions.find(target, path)
                .orElseThrow(() -> new NoSuchItemException("no such file or folder at " + target.id() + ": " + path));
        Entry now = versions.find(head, path).orElse(null);
        List<Edit> edits = new ArrayList<>();
        fileInTheWay(head, path).ifPresent(edits::add);
        if (now != null && now.folder() != old.folder()) {
            edits.add(Edit.delete(path));
            now = null;
        }
        if (!old.folder()) {
            if (now == null || !now.id().equals(old.id())) {
                edits.add(Edit.put(path, old.id(), old.size()));
            }
            return edits;
        }
        edits.addAll(toEdits(diffs.between(now == null ? null : now.id(), old.id(), path + "/", Integer.MAX_VALUE).changes()));
        return edits;
    }

    /**
     * True when restoring {@code path} (everything, for null or "") of {@code target} on {@code head}
     * would change nothing: {@link #edits} would be empty. Looks for one difference only, so the cost
     * follows the first difference found, not all of them.
     *
     * @param head   the branch's head; null for a branch without commits
     * @param target the commit restored from
     * @return false also when {@code path} is in neither (nothing there to restore)
     */
    public boolean changesNothing(CommitDoc head, CommitDoc target, String path) {
        if (path == null || path.isEmpty()) {
            return diffs.between(head, target, 1).changes().isEmpty();
        }
        Entry old = versions.find(target, path).orElse(null);
        Entry now = versions.find(head, path).orElse(null);
        if (old == null || now == null || old.folder() != now.folder()) {
            return false;
        }
        return old.folder() ? diffs.between(now.id(), old.id(), path + "/", 1).changes().isEmpty() : now.id().equals(old.id());
    }

    /** A file in the head where the path needs a folder ({@code a} for {@code a/b.txt}): it goes first. */
    private java.util.Optional<Edit> fileInTheWay(CommitDoc head, String path) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            Entry e = versions.find(head, ancestor).orElse(null);
            if (e == null) {
                break;
            }
            if (!e.folder()) {
                return java.util.Optional.of(Edit.delete(ancestor));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Edit> toEdits(List<Change> changes) {
        return changes.stream().map(c -> c.op() == Change.Op.DELETE
                ? Edit.delete(c.path()) : Edit.put(c.path(), c.newSha256(), c.newSize())).toList();
    }
}
