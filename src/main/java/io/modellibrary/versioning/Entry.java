package io.modellibrary.versioning;

import org.springframework.data.mongodb.core.mapping.Field;

import java.util.Comparator;

/**
 * One file or folder inside a folder. Stored with one-letter field names: a large folder
 * holds hundreds of thousands of these.
 *
 * @param name   the entry's own name (no {@code /})
 * @param folder true for a folder
 * @param id     a file's blob sha256, a folder's tree id
 * @param size   a file's size in bytes; 0 for a folder
 * @param commit id of the newest commit that changed it (for a folder: anything inside it);
 *               its time and message come from that commit
 */
public record Entry(@Field("n") String name, @Field("d") boolean folder, @Field("i") String id,
                    @Field("s") long size, @Field("c") String commit) {

    /** The order of a folder's entries, stored and listed: folders first, then files, each by name ignoring case. */
    public static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> !e.folder())
            .thenComparing(Entry::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Entry::name);

    /** A key to search for: an entry of that kind and name. */
    static Entry key(boolean folder, String name) {
        return new Entry(name, folder, null, 0, null);
    }
}
