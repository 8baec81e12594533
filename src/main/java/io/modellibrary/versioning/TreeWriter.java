package io.modellibrary.versioning;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the root of a new commit from its parent's: only the folders on the edited paths
 * are read and rewritten, each stamped with the commit; folders left empty disappear (as in
 * git). Deletions are applied before puts. Records the changes, sorted by path.
 */
final class TreeWriter {

    private final TreeStore store;
    private final String repoId;
    private final String commitId;
    private final List<TreeDoc> created = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();

    TreeWriter(TreeStore store, String repoId, String commitId) {
        this.store = store;
        this.repoId = repoId;
        this.commitId = commitId;
    }

    /**
     * The new root's tree id (null: empty).
     *
     * @throws NoSuchItemException  deleting a path that does not exist
     * @throws BadRequestException a file where a folder is needed, or the other way round
     */
    String apply(String rootId, List<Edit> edits) {
        Node deletes = new Node();
        Node puts = new Node();
        for (Edit edit : edits) {
            (edit.isDelete() ? deletes : puts).add(edit.path().split("/"), 0, edit);
        }
        String root = rootId;
        if (!deletes.isEmpty()) {
            root = rewrite(root, "", deletes);
            if (!puts.isEmpty()) {
                // the puts read the folders the deletes wrote; those name only blobs referenced already
                store.insertAll(created);
            }
        }
        if (!puts.isEmpty()) {
            root = rewrite(root, "", puts);
        }
        changes.sort(Comparator.comparing(Change::path));
        return root;
    }

    /** The documents the new root needs that were not stored before (some may exist already). */
    List<TreeDoc> created() {
        return created;
    }

    List<Change> changes() {
        return changes;
    }

    private String rewrite(String treeId, String prefix, Node ops) {
        Folder folder = new Folder(store, repoId, treeId);
        ops.leaves.forEach((name, edit) -> apply(folder, prefix + name, name, edit));
        ops.children.forEach((name, below) -> {
            String path = prefix + name;
            Entry before = folder.find(name);
            if (before != null && !before.folder()) {
                throw new BadRequestException("path " + path + " is a file, not a folder");
            }
            String oldId = before == null ? null : before.id();
            String newId = rewrite(oldId, path + "/", below);
            if (Objects.equals(oldId, newId)) {
                return;
            }
            if (newId == null) {
                folder.remove(before);
            } else {
                folder.put(new Entry(name, true, newId, 0, commitId));
            }
        });
        return folder.write(created);
    }

    private void apply(Folder folder, String path, String name, Edit edit) {
        Entry before = folder.find(name);
        if (edit.isDelete()) {
            if (before == null) {
                throw new NoSuchItemException("no such file or folder: " + path);
            }
            if (before.folder()) {
                deleteAll(before.id(), path + "/");
            } else {
                changes.add(Change.delete(path, before));
            }
            folder.remove(before);
            return;
        }
        if (before != null && before.folder()) {
            throw new BadRequestException("path " + path + " is a folder");
        }
        if (before != null && before.id().equals(edit.sha256())) {
            return;
        }
        folder.put(new Entry(name, false, edit.sha256(), edit.size(), commitId));
        changes.add(Change.put(path, before, edit.sha256(), edit.size()));
    }

    private void deleteAll(String treeId, String prefix) {
        Folder folder = new Folder(store, repoId, treeId);
        for (Entry e : folder.after(null, Integer.MAX_VALUE)) {
            if (e.folder()) {
                deleteAll(e.id(), prefix + e.name() + "/");
            } else {
                changes.add(Change.delete(prefix + e.name(), e));
            }
        }
    }

    /** The edits below one folder, by name. */
    private static final class Node {
        private final Map<String, Edit> leaves = new TreeMap<>();
        private final Map<String, Node> children = new TreeMap<>();

        void add(String[] segments, int at, Edit edit) {
            if (at == segments.length - 1) {
                leaves.put(segments[at], edit);
            } else {
                children.computeIfAbsent(segments[at], k -> new Node()).add(segments, at + 1, edit);
            }
        }

        boolean isEmpty() {
            return leaves.isEmpty() && children.isEmpty();
        }
    }
}
