package io.modellibrary.files;

import io.modellibrary.common.NoSuchItemException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files and folders of one commit, by path. Immutable once built; {@link TreeEdit}
 * derives the next commit's tree from it.
 */
final class Tree {

    static final Tree EMPTY = new Tree(new TreeMap<>());

    private final TreeMap<String, TreeEntry> entries;

    private Tree(TreeMap<String, TreeEntry> entries) {
        this.entries = entries;
    }

    static Tree of(Collection<TreeEntry> entries) {
        TreeMap<String, TreeEntry> map = new TreeMap<>();
        entries.forEach(e -> map.put(e.path(), e));
        return new Tree(map);
    }

    /** Every entry, folders included, sorted by path: the stored form. */
    List<TreeEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    int size() {
        return entries.size();
    }

    Optional<TreeEntry> find(RepoPath path) {
        return Optional.ofNullable(entries.get(path.toString()));
    }

    /** The file at {@code path}; a folder or nothing there is {@code no such file}. */
    TreeEntry file(RepoPath path) {
        return find(path).filter(e -> !e.folder())
                .orElseThrow(() -> new NoSuchItemException("no such file: " + path));
    }

    /** True for the root and for every folder of the tree. */
    boolean isFolder(RepoPath path) {
        return path.isRoot() || find(path).map(TreeEntry::folder).orElse(false);
    }

    /** The entries directly inside {@code folder}. */
    List<TreeEntry> children(RepoPath folder) {
        String prefix = folder.isRoot() ? "" : folder + "/";
        return below(folder).values().stream()
                .filter(e -> e.path().indexOf('/', prefix.length()) < 0)
                .toList();
    }

    /** Every entry anywhere below {@code folder}. */
    SortedMap<String, TreeEntry> below(RepoPath folder) {
        if (folder.isRoot()) {
            return entries;
        }
        // '0' is the character after '/': the range holds exactly the paths "folder/...".
        return entries.subMap(folder + "/", folder + "0");
    }

    TreeMap<String, TreeEntry> copyOfEntries() {
        return new TreeMap<>(entries);
    }
}
