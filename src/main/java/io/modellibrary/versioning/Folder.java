package io.modellibrary.versioning;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A folder being read or edited. Small folders are one document; large ones are pages,
 * loaded only when a name on them is looked up, edited or listed, so that resolving a name
 * or changing one entry costs one page whatever the folder's size. {@link #write} stores the
 * pages that changed (split when over {@link #PAGE} entries, merged with a neighbour when
 * under a quarter of it) and a new page index.
 */
final class Folder {

    /**
     * Entries per document. At 1,000-byte names a page is about 140 KB; at typical names
     * about 20 KB, so a one-file commit in a folder of 10,000 files writes about 30 KB
     * (page and index). The index holds one reference per page, so a folder of 1,000,000
     * entries with 1,000-byte names stays below 9 MB.
     */
    static final int PAGE = 128;

    private final TreeStore store;
    private final String repoId;
    private final String originalId;
    private final List<Segment> segments = new ArrayList<>();
    private boolean changed;

    /** The folder with tree id {@code treeId}; null is an empty folder. */
    Folder(TreeStore store, String repoId, String treeId) {
        this.store = store;
        this.repoId = repoId;
        this.originalId = treeId;
        TreeDoc doc = treeId == null ? null : store.get(treeId);
        if (doc != null && doc.paged()) {
            doc.pages().forEach(p -> segments.add(new Segment(p.key(), p.count(), p.id(), null)));
        } else {
            segments.add(new Segment(null, 0, null, toMap(doc == null ? List.of() : doc.entries())));
        }
    }

    /** A new folder holding {@code entries} (the conversion builds folders whole). */
    static Folder of(TreeStore store, String repoId, List<Entry> entries) {
        Folder folder = new Folder(store, repoId, null);
        entries.forEach(folder::put);
        return folder;
    }

    int count() {
        return segments.stream().mapToInt(Segment::size).sum();
    }

    /** The entry called {@code name}, folder or file, or null. */
    Entry find(String name) {
        Entry folder = get(Entry.key(true, name));
        return folder != null ? folder : get(Entry.key(false, name));
    }

    /** Adds or replaces the entry of that kind and name. */
    void put(Entry entry) {
        Segment s = segmentOf(entry);
        s.entries().put(entry, entry);
        s.dirty = true;
        changed = true;
    }

    void remove(Entry entry) {
        Segment s = segmentOf(entry);
        if (s.entries().remove(entry) != null) {
            s.dirty = true;
            changed = true;
        }
    }

    /** Up to {@code limit} entries after {@code after} (null: from the start), in {@link Entry#ORDER}. */
    List<Entry> after(Entry after, int limit) {
        List<Entry> result = new ArrayList<>();
        for (int i = after == null ? 0 : index(after); i < segments.size() && result.size() < limit; i++) {
            NavigableMap<Entry, Entry> entries = segments.get(i).entries();
            for (Entry e : (after == null ? entries : entries.tailMap(after, false)).values()) {
                if (result.size() == limit) {
                    break;
                }
                result.add(e);
            }
        }
        return result;
    }

    /**
     * Stores what changed and answers the folder's tree id: the old one when nothing changed,
     * null when the folder is empty. New documents are added to {@code created}.
     */
    String write(List<TreeDoc> created) {
        if (!changed) {
            return originalId;
        }
        int total = count();
        if (total == 0) {
            return null;
        }
        if (total <= PAGE) {
            TreeDoc doc = TreeDoc.ofEntries(repoId, after(null, total));
            created.add(doc);
            return doc.id();
        }
        mergeSmallPages();
        List<TreeDoc.PageRef> pages = new ArrayList<>();
        for (Segment s : segments) {
            if (!s.dirty && s.id != null) {
                pages.add(new TreeDoc.PageRef(s.first.folder(), s.first.name(), s.id, s.count));
            } else {
                chunk(new ArrayList<>(s.entries().values()), pages, created);
            }
        }
        TreeDoc index = TreeDoc.ofPages(repoId, pages);
        created.add(index);
        return index.id();
    }

    private void chunk(List<Entry> entries, List<TreeDoc.PageRef> pages, List<TreeDoc> created) {
        int n = entries.size();
        int parts = (n + PAGE - 1) / PAGE;
        for (int p = 0; p < parts; p++) {
            List<Entry> run = entries.subList(p * n / parts, (p + 1) * n / parts);
            TreeDoc page = TreeDoc.ofEntries(repoId, run);
            created.add(page);
            Entry first = run.get(0);
            pages.add(new TreeDoc.PageRef(first.folder(), first.name(), page.id(), run.size()));
        }
    }

    private void mergeSmallPages() {
        for (int i = 0; i < segments.size() && segments.size() > 1; i++) {
            Segment s = segments.get(i);
            if (s.dirty && s.entries().size() < PAGE / 4) {
                Segment neighbour = segments.get(i + 1 < segments.size() ? i + 1 : i - 1);
                neighbour.entries().putAll(s.entries());
                neighbour.dirty = true; // write() re-chunks a dirty segment from its entries, whatever its first key was
                segments.remove(i);
                i--;
            }
        }
    }

    private Entry get(Entry key) {
        return segmentOf(key).entries().get(key);
    }

    private Segment segmentOf(Entry key) {
        return segments.get(index(key));
    }

    /** The last segment whose first key is at most {@code key} (the first segment for smaller keys). */
    private int index(Entry key) {
        int lo = 1;
        int hi = segments.size() - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Entry.ORDER.compare(segments.get(mid).first, key) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static TreeMap<Entry, Entry> toMap(List<Entry> entries) {
        TreeMap<Entry, Entry> map = new TreeMap<>(Entry.ORDER);
        entries.forEach(e -> map.put(e, e));
        return map;
    }

    /** A run of entries: one stored page, or the whole of a small folder. */
    private final class Segment {
        private Entry first;
        private final int count;
        private final String id;
        private TreeMap<Entry, Entry> loaded;
        private boolean dirty;

        Segment(Entry first, int count, String id, TreeMap<Entry, Entry> loaded) {
            this.first = first;
            this.count = count;
            this.id = id;
            this.loaded = loaded;
        }

        TreeMap<Entry, Entry> entries() {
            if (loaded == null) {
                loaded = toMap(store.get(id).entries());
            }
            return loaded;
        }

        int size() {
            return loaded != null ? loaded.size() : count;
        }
    }

}
