package io.modellibrary.files;

import java.time.Instant;

/**
 * A file or folder at a revision as the HTTP API shows it: its full path and its last
 * change (that commit's id, time and message). Folders have no blob ({@code sha256} null,
 * size 0).
 */
record TreeEntry(String path, boolean folder, String sha256, long size,
                 String commit, Instant lastModified, String lastModifiedInformation) {
}
