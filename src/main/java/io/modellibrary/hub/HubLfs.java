package io.modellibrary.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which files the Hub face presents as Git LFS files, and their pointers. One rule for reads
 * and writes: a file is LFS exactly when it is larger than {@link #THRESHOLD} bytes (the Hub's
 * 10 MB). Reads give an LFS file the etag {@code sha256} and a tree entry with
 * {@code lfs: {oid, size, pointerSize}}; a regular file has the git blob sha1 as etag and
 * {@code oid}. Preupload must answer {@code uploadMode: "lfs"} for the same files (and may
 * for more: what was uploaded by LFS but is small reads back as regular, which both clients accept).
 */
public final class HubLfs {

    /** Files larger than this many bytes (10 MiB) are LFS files. */
    public static final long THRESHOLD = 10L * 1024 * 1024;

    private HubLfs() {
    }

    /** True when a file of {@code size} bytes is an LFS file. */
    public static boolean isLfs(long size) {
        return size > THRESHOLD;
    }

    /** The git-lfs pointer file of a blob (spec v1), as git would store it in the tree. */
    public static String pointer(String sha256, long size) {
        return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n";
    }

    /** The pointer's length in bytes (its {@code pointerSize}). */
    public static int pointerSize(String sha256, long size) {
        return pointer(sha256, size).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The git blob id of the pointer: an LFS file's {@code oid} in tree listings. */
    public static String pointerOid(String sha256, long size) {
        byte[] pointer = pointer(sha256, size).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = sha1();
        sha1.update(("blob " + pointer.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(pointer));
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }
}
