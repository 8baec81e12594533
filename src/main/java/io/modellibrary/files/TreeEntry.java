package io.modellibrary.files;

import java.time.Instant;

/**
 * One file or folder of a commit's tree, with the commit that last touched it, so a
 * folder at any commit can be listed (and each entry's last change shown) without
 * replaying history. Folders have no blob ({@code sha256} null, size 0).
 *
 * @param commit                  id of the newest commit that changed this entry (or, for a folder, anything in it)
 * @param lastModified            that commit's time
 * @param lastModifiedInformation that commit's message
 */
record TreeEntry(String path, boolean folder, String sha256, long size,
                 String commit, Instant lastModified, String lastModifiedInformation) {

    static TreeEntry file(RepoPath path, String sha256, long size, Stamp stamp) {
        return new TreeEntry(path.toString(), false, sha256, size, stamp.commit(), stamp.time(), stamp.message());
    }

    static TreeEntry folder(RepoPath path, Stamp stamp) {
        return new TreeEntry(path.toString(), true, null, 0, stamp.commit(), stamp.time(), stamp.message());
    }

    TreeEntry restamp(Stamp stamp) {
        return new TreeEntry(path, folder, sha256, size, stamp.commit(), stamp.time(), stamp.message());
    }

    RepoPath repoPath() {
        return RepoPath.of(path);
    }

    /** The commit a change is made in: its id, time and message. */
    record Stamp(String commit, Instant time, String message) {
    }
}
