package io.modellibrary.files;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the tree of a new commit from its parent's: files put and paths deleted, each
 * folder above a change restamped with the commit, folders left empty removed (as in
 * git, a folder exists while something is in it). Records the changes as it goes.
 */
final class TreeEdit {

    private final TreeMap<String, TreeEntry> entries;
    private final TreeEntry.Stamp stamp;
    private final List<Change> changes = new ArrayList<>();

    TreeEdit(Tree parent, TreeEntry.Stamp stamp) {
        this.entries = parent.copyOfEntries();
        this.stamp = stamp;
    }

    /** Adds or replaces the file at {@code path}; an unchanged file is left as it was. */
    void put(RepoPath path, String sha256, long size) {
        checkNoFileAbove(path);
        TreeEntry before = entries.get(path.toString());
        if (before != null && before.folder()) {
            throw new BadRequestException("path " + path + " is a folder");
        }
        if (before != null && before.sha256().equals(sha256)) {
            return;
        }
        entries.put(path.toString(), TreeEntry.file(path, sha256, size, stamp));
        changes.add(Change.put(path, before, sha256, size));
        path.ancestors().forEach(folder -> entries.put(folder.toString(), TreeEntry.folder(folder, stamp)));
    }

    /** Deletes the file, or the folder with everything in it, at {@code path}. */
    void delete(RepoPath path) {
        TreeEntry target = entries.get(path.toString());
        if (target == null) {
            throw new NoSuchItemException("no such file or folder: " + path);
        }
        if (target.folder()) {
            SortedMap<String, TreeEntry> inside = entries.subMap(path + "/", path + "0");
            inside.values().stream().filter(e -> !e.folder()).forEach(e -> changes.add(Change.delete(e)));
            inside.clear();
        } else {
            changes.add(Change.delete(target));
        }
        entries.remove(path.toString());
        path.ancestors().forEach(this::restampOrRemove);
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    Tree result() {
        return Tree.of(entries.values());
    }

    private void restampOrRemove(RepoPath folder) {
        String key = folder.toString();
        if (entries.subMap(key + "/", key + "0").isEmpty()) {
            entries.remove(key);
        } else {
            entries.put(key, entries.get(key).restamp(stamp));
        }
    }

    private void checkNoFileAbove(RepoPath path) {
        for (RepoPath folder : path.ancestors()) {
            TreeEntry above = entries.get(folder.toString());
            if (above != null && !above.folder()) {
                throw new BadRequestException("path " + folder + " is a file, not a folder");
            }
        }
    }
}
