package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import java.util.List;

/**
 * A folder, or one page of a large folder: immutable and content-addressed. {@code _id}
 * is the first 40 hex characters of the SHA-256 of the repository id and the canonical
 * content, so the same folder in two commits of a repository is one document, and a
 * commit writes only the folders on its changed paths.
 *
 * <p>A folder of up to {@link Folder#PAGE} entries keeps them in {@code entries}; a larger
 * one keeps in {@code pages} the sorted runs of entries it is split into (each a
 * {@code TreeDoc} with {@code entries}), so no document grows with the folder beyond one
 * small reference per page.
 *
 * @param count the entries in the folder (all pages together)
 */
@Document(TreeDoc.COLLECTION)
record TreeDoc(@MongoId(FieldType.STRING) String id, String repoId, int count, List<Entry> entries, List<PageRef> pages) {

    static final String COLLECTION = "trees";

    boolean paged() {
        return pages != null;
    }

    /**
     * One page of a large folder.
     *
     * @param first the page's first entry's kind and name (the search key)
     * @param id    the page's tree id
     * @param count entries on the page
     */
    record PageRef(@org.springframework.data.mongodb.core.mapping.Field("d") boolean folder,
                   @org.springframework.data.mongodb.core.mapping.Field("n") String first,
                   @org.springframework.data.mongodb.core.mapping.Field("i") String id,
                   @org.springframework.data.mongodb.core.mapping.Field("k") int count) {

        Entry key() {
            return Entry.key(folder, first);
        }
    }

    static TreeDoc ofEntries(String repoId, List<Entry> entries) {
        StringBuilder canonical = new StringBuilder(repoId).append('\n');
        for (Entry e : entries) {
            canonical.append(e.folder() ? 'd' : 'f').append(' ').append(e.name()).append('\u0000')
                    .append(e.id()).append(' ').append(e.size()).append(' ').append(e.commit()).append('\n');
        }
        return new TreeDoc(Hashing.treeId(canonical), repoId, entries.size(), List.copyOf(entries), null);
    }

    static TreeDoc ofPages(String repoId, List<PageRef> pages) {
        StringBuilder canonical = new StringBuilder(repoId).append("\npages\n");
        int count = 0;
        for (PageRef p : pages) {
            canonical.append(p.id()).append(' ').append(p.count()).append('\n');
            count += p.count();
        }
        return new TreeDoc(Hashing.treeId(canonical), repoId, count, null, List.copyOf(pages));
    }
}
