package io.modellibrary.versioning;

/**
 * One change asked of a commit. Paths are relative, {@code /}-separated and already
 * validated by the caller (no empty, {@code .} or {@code ..} segments).
 *
 * @param path   the file (put) or the file or folder (delete)
 * @param sha256 the content a put writes; null for a delete
 * @param size   its size in bytes
 */
public record Edit(String path, String sha256, long size) {

    /** Adds or replaces the file at {@code path}; the same content again changes nothing. */
    public static Edit put(String path, String sha256, long size) {
        return new Edit(path, sha256, size);
    }

    /** Deletes the file, or the folder with everything in it, at {@code path}. */
    public static Edit delete(String path) {
        return new Edit(path, null, 0);
    }

    boolean isDelete() {
        return sha256 == null;
    }
}
