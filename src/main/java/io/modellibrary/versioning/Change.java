package io.modellibrary.versioning;

/**
 * One file a commit added, modified or deleted; a folder deletion is one change per file.
 * The blob before ({@code old*}) is null for an addition, the blob after ({@code new*})
 * null for a deletion. Sizes in bytes.
 */
public record Change(Op op, String path, String oldSha256, long oldSize, String newSha256, long newSize) {

    /** What happened to the file. */
    public enum Op { ADD, MODIFY, DELETE }

    static Change put(String path, Entry before, String sha256, long size) {
        return before == null
                ? new Change(Op.ADD, path, null, 0, sha256, size)
                : new Change(Op.MODIFY, path, before.id(), before.size(), sha256, size);
    }

    static Change delete(String path, Entry before) {
        return new Change(Op.DELETE, path, before.id(), before.size(), null, 0);
    }
}
