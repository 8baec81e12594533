package io.modellibrary.files;

import io.modellibrary.common.BadRequestException;

import java.util.Arrays;
import java.util.List;

/**
 * A path inside a repository's tree: relative, {@code /}-separated, normalised. The root
 * is the empty path. Anything that could address a location outside the tree (or that
 * git would refuse) is rejected with a 400: {@code ..} and {@code .} segments, absolute
 * paths, backslashes, NUL and other control characters, empty segments, {@code .git},
 * more than {@value #MAX_LENGTH} characters.
 */
final class RepoPath implements Comparable<RepoPath> {

    static final int MAX_LENGTH = 1024;
    static final RepoPath ROOT = new RepoPath("");

    private final String value;

    private RepoPath(String value) {
        this.value = value;
    }

    /** A file or folder path exactly as it must be: no leading or trailing slash. */
    static RepoPath of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new BadRequestException("path is required");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new BadRequestException("path is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new BadRequestException("path contains a control character");
            }
            if (c == '\\') {
                throw new BadRequestException("path contains a backslash; use / between folders");
            }
        }
        if (raw.startsWith("/")) {
            throw new BadRequestException("path must be relative to the repository root");
        }
        Arrays.stream(raw.split("/", -1)).forEach(RepoPath::checkSegment);
        return new RepoPath(raw);
    }

    /**
     * A folder as a query parameter gives it: absent, empty or {@code /} is the root, and
     * one trailing slash is allowed ({@code weights/}).
     */
    static RepoPath folder(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return ROOT;
        }
        return of(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw new BadRequestException("path has an empty segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new BadRequestException("path must not contain . or .. segments");
        }
        if (segment.equalsIgnoreCase(".git")) {
            throw new BadRequestException("path must not contain a .git segment");
        }
    }

    /** This folder joined with a relative path below it. */
    RepoPath resolve(RepoPath child) {
        if (isRoot()) {
            return child;
        }
        return of(value + "/" + child.value);
    }

    boolean isRoot() {
        return value.isEmpty();
    }

    /** The last segment: the file or folder's own name ({@code ""} for the root). */
    String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The folder holding this path; the root's parent is the root. */
    RepoPath parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? ROOT : new RepoPath(value.substring(0, slash));
    }

    /** Every folder above this path, nearest first, without the root. */
    List<RepoPath> ancestors() {
        java.util.ArrayList<RepoPath> result = new java.util.ArrayList<>();
        for (RepoPath p = parent(); !p.isRoot(); p = p.parent()) {
            result.add(p);
        }
        return result;
    }

    /** True when this path lies strictly below {@code folder}. */
    boolean isBelow(RepoPath folder) {
        return folder.isRoot() ? !isRoot() : value.startsWith(folder.value + "/");
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepoPath other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(RepoPath o) {
        return value.compareTo(o.value);
    }
}
