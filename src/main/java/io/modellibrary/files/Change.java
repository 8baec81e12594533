package io.modellibrary.files;

/**
 * One file a commit added, modified or deleted; a folder deletion is recorded as one
 * change per file. The blob before ({@code old*}) is null for an addition, the blob
 * after ({@code new*}) null for a deletion.
 */
record Change(Op op, String path, String oldSha256, long oldSize, String newSha256, long newSize) {

    enum Op { ADD, MODIFY, DELETE }

    static Change put(RepoPath path, TreeEntry before, String sha256, long size) {
        return before == null
                ? new Change(Op.ADD, path.toString(), null, 0, sha256, size)
                : new Change(Op.MODIFY, path.toString(), before.sha256(), before.size(), sha256, size);
    }

    static Change delete(TreeEntry before) {
        return new Change(Op.DELETE, before.path(), before.sha256(), before.size(), null, 0);
    }
}
