package io.modellibrary.content;

import java.time.Instant;

/**
 * A file or folder at a revision: its full path and its last change.
 *
 * @param path                    the full path from the repository's root ({@link RepoPath} form)
 * @param folder                  true for a folder
 * @param sha256                  the file's blob, 64 hex characters; null for a folder
 * @param size                    the file's size in bytes; 0 for a folder
 * @param commit                  the id of the commit that last changed it
 * @param lastModified            that commit's time
 * @param lastModifiedInformation that commit's message
 * @param treeId                  a folder's tree id (40 hex, content-addressed: the same while nothing inside it
 *                                changes, see {@code versioning.TreeDoc}); null for a file or when not read
 */
public record TreeEntry(String path, boolean folder, String sha256, long size,
                        String commit, Instant lastModified, String lastModifiedInformation, String treeId) {

    /** An entry without a tree id (a file, or a folder named only by its path). */
    public TreeEntry(String path, boolean folder, String sha256, long size,
                     String commit, Instant lastModified, String lastModifiedInformation) {
        this(path, folder, sha256, size, commit, lastModified, lastModifiedInformation, null);
    }
}
