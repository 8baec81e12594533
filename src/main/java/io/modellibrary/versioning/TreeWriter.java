package io.modellibrary.versioning;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the root of a new commit from its parent's: only the folders on the edited paths
 * are read and rewritten, each stamped with the commit; folders left empty disappear (as in
 * git). Deletions are applied before puts, and a path that a commit both deletes (itself or
 * a folder above it) and puts is a put: a modification of the old file, or nothing when the
 * content is the same. A delete inside a folder that the commit also deletes is covered by
 * it, but must still name something that exists. Records the changes, sorted by path.
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
            root = delete(root, "", deletes, puts);
            if (!puts.isEmpty()) {
                // the puts read the folders the deletes wrote; those name only blobs referenced already
                store.insertAll(created);
            }
        }
        if (!puts.isEmpty()) {
            root = put(root, "", puts);
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

    /** The deletes in one folder (and below), sparing the paths that {@code puts} write again. */
    private String delete(String treeId, String prefix, Node deletes, Node puts) {
        Folder folder = new Folder(store, repoId, treeId);
        for (String name : deletes.names()) {
            String path = prefix + name;
            Entry before = folder.find(name);
            if (deletes.leaves.containsKey(name)) {
                if (before == null) {
                    throw new NoSuchItemException("no such file or folder: " + path);
                }
                requireExisting(before, path, deletes.child(name));
                deleteSparing(folder, before, path, puts);
            } else {
                requireFolder(before, path);
                String oldId = before == null ? null : before.id();
                replace(folder, before, name, delete(oldId, path + "/", deletes.child(name), puts.child(name)));
            }
        }
        return folder.write(created);
    }

    /**
     * Removes {@code entry} from {@code folder}, all of it but what {@code puts} (the puts in
     * that folder) write again: a file put again stays for the put to compare with, and a
     * folder with puts below keeps those files and loses the rest.
     */
    private void deleteSparing(Folder folder, Entry entry, String path, Node puts) {
        if (!entry.folder()) {
            if (!puts.leaves.containsKey(entry.name())) {
                changes.add(Change.delete(path, entry));
                folder.remove(entry);
            }
            return;
        }
        Node below = puts.child(entry.name());
        Folder inside = new Folder(store, repoId, entry.id());
        for (Entry e : inside.after(null, Integer.MAX_VALUE)) {
            deleteSparing(inside, e, path + "/" + e.name(), below);
        }
        replace(folder, entry, entry.name(), below.isEmpty() ? null : inside.write(created));
    }

    /** The deletes below one that covers them: each must name something that exists, as on its own. */
    private void requireExisting(Entry entry, String path, Node deletes) {
        if (deletes.isEmpty()) {
            return;
        }
        requireFolder(entry, path);
        Folder folder = new Folder(store, repoId, entry == null ? null : entry.id());
        for (String name : deletes.names()) {
            Entry found = folder.find(name);
            if (found == null && deletes.leaves.containsKey(name)) {
                throw new NoSuchItemException("no such file or folder: " + path + "/" + name);
            }
            requireExisting(found, path + "/" + name, deletes.child(name));
        }
    }

    private static void requireFolder(Entry entry, String path) {
        if (entry != null && !entry.folder()) {
            throw new BadRequestException("path " + path + " is a file, not a folder");
        }
    }

    /** The puts in one folder (and below). */
    private String put(String treeId, String prefix, Node puts) {
        Folder folder = new Folder(store, repoId, treeId);
        puts.leaves.forEach((name, edit) -> put(folder, prefix + name, name, edit));
        puts.children.forEach((name, below) -> {
            String path = prefix + name;
            Entry before = folder.find(name);
            requireFolder(before, path);
            replace(folder, before, name, put(before == null ? null : before.id(), path + "/", below));
        });
        return folder.write(created);
    }

    private void put(Folder folder, String path, String name, Edit edit) {
        Entry before = folder.find(name);
        if (before != null && before.folder()) {
            throw new BadRequestException("path " + path + " is a folder");
        }
        if (before != null && before.id().equals(edit.sha256())) {
            return;
        }
        folder.put(new Entry(name, false, edit.sha256(), edit.size(), commitId));
        changes.add(Change.put(path, before, edit.sha256(), edit.size()));
    }

    /** Points the folder's entry {@code before} (null: none yet) at subfolder {@code newId} (null: gone), stamped when it changed. */
    private void replace(Folder folder, Entry before, String name, String newId) {
        String oldId = before == null ? null : before.id();
        if (Objects.equals(oldId, newId)) {
            return;
        }
        if (newId == null) {
            folder.remove(before);
        } else {
            folder.put(new Entry(name, true, newId, 0, commitId));
        }
    }

    /** The edits below one folder, by name. */
    private static final class Node {
        private static final Node EMPTY = new Node();

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

        /** The edits below the subfolder {@code name}; empty when none. */
        Node child(String name) {
            return children.getOrDefault(name, EMPTY);
        }

        /** The names with an edit of their own or edits below, in order. */
        Set<String> names() {
            Set<String> names = new TreeSet<>(leaves.keySet());
            names.addAll(children.keySet());
            return names;
        }
    }
}
