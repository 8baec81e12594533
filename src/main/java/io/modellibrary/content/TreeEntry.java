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
 */
public record TreeEntry(String path, boolean folder, String sha256, long size,
                        String commit, Instant lastModified, String lastModifiedInformation) {
}
