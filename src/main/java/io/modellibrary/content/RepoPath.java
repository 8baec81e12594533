package io.modellibrary.content;

import io.modellibrary.common.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * A path inside a repository's tree: relative, {@code /}-separated, normalised. The root
 * is the empty path. Anything that could address a location outside the tree (or that
 * git would refuse) is rejected with a 400: {@code ..} and {@code .} segments, absolute
 * paths, backslashes, empty segments, {@code .git}, more than {@value #MAX_BYTES} bytes
 * of UTF-8.
 *
 * <p>Unicode: every path is put in NFC (Unicode Standard Annex #15), on write and on
 * lookup alike, so the same visible name is the same path whatever form the uploader's
 * system sent (macOS file names arrive decomposed). Refused with a 400 naming the part:
 * text that is not valid Unicode (a lone surrogate, or U+FFFD where undecodable bytes
 * were), control characters (C0, DEL, C1), and the bidirectional controls U+200E/F,
 * U+061C, U+202A–U+202E and U+2066–U+2069, which make {@code gpj.exe} look like
 * {@code exe.jpg} (Unicode Technical Report #36 §2.2).
 *
 * <p>Written files ({@link #forWriting}) may not hold {@code ;}: no address could name them (docs/decisions.md
 * N11). Paths stored before that rule keep being read, downloaded and deleted.
 *
 * <p>Limit: {@value #MAX_BYTES} bytes of UTF-8, so that a download URL holding the path
 * percent-encoded (3 bytes per byte) stays well within the request line Tomcat accepts
 * ({@code server.max-http-request-header-size}, see the README's limits).
 */
public final class RepoPath implements Comparable<RepoPath> {

    /** The longest path, in bytes of UTF-8. */
    public static final int MAX_BYTES = 1024;
    /** The repository's root folder: the empty path. */
    public static final RepoPath ROOT = new RepoPath("");

    private final String value;

    private RepoPath(String value) {
        this.value = value;
    }

    /**
     * A file or folder path exactly as it must be: no leading or trailing slash.
     *
     * @throws BadRequestException when the path breaks a rule above (the message says which)
     */
    public static RepoPath of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new BadRequestException("path is required");
        }
        if (raw.length() > MAX_BYTES) { // a char is at least one byte: no need to normalise what is surely too long
            throw tooLong();
        }
        for (String segment : raw.split("/", -1)) {
            checkCharacters(segment);
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (nfc.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw tooLong();
        }
        if (nfc.indexOf('\\') >= 0) {
            throw new BadRequestException("path contains a backslash; use / between folders");
        }
        if (nfc.startsWith("/")) {
            throw new BadRequestException("path must be relative to the repository root");
        }
        Arrays.stream(nfc.split("/", -1)).forEach(RepoPath::checkSegment);
        return new RepoPath(nfc);
    }

    private static BadRequestException tooLong() {
        return new BadRequestException("path is longer than " + MAX_BYTES + " bytes of UTF-8");
    }

    /** Invalid Unicode, control and bidirectional control characters: a 400 naming the part and the character. */
    private static void checkCharacters(String segment) {
        for (int i = 0; i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            String what = isSurrogate(cp) || cp == 0xFFFD ? "text that is not valid Unicode"
                    : Character.getType(cp) == Character.CONTROL ? "a control character"
                    : isBidiControl(cp) ? "a bidirectional control character" : null;
            if (what != null) {
                throw new BadRequestException("path part \"" + printable(segment) + "\" contains " + what
                        + String.format(" (U+%04X)", cp));
            }
            i += Character.charCount(cp);
        }
    }

    private static boolean isSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** The part for an error message: unprintable and bidirectional characters as U+XXXX, at most 100 characters. */
    private static String printable(String segment) {
        StringBuilder out = new StringBuilder();
        segment.codePoints().limit(100).forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL || isBidiControl(cp) || isSurrogate(cp) || cp == '"') {
                out.append(String.format("U+%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * A folder as a query parameter gives it: absent, empty or {@code /} is the root, and
     * one trailing slash is allowed ({@code weights/}).
     */
    public static RepoPath folder(String raw) {
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

    /**
     * This path as one a file is written at (an upload, a commit, an edit on any face): refused when it
     * holds {@code ;}. A raw {@code ;} in a URL starts path parameters, which Tomcat and Spring MVC cut off
     * ({@code /blob/main/a;b.txt} reads {@code a}), and the encoded {@code %3B} that clients send instead
     * ({@code huggingface_hub}'s {@code hf_hub_url} quotes the file name) is refused by Spring Security's
     * {@code StrictHttpFirewall}, since a {@code ;} can hide path parameters from the checks of a path; so
     * such a file's page and its Hub {@code resolve} download could never be addressed (docs/decisions.md N11).
     *
     * @return this path
     * @throws BadRequestException naming the part and the character
     */
    public RepoPath forWriting() {
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            String segment = value.substring(value.lastIndexOf('/', semicolon) + 1);
            int end = segment.indexOf('/');
            throw new BadRequestException("path part \"" + printable(end < 0 ? segment : segment.substring(0, end))
                    + "\" contains \";\", which no address of a file can carry (a web server reads it as the start of"
                    + " path parameters): name the file without it");
        }
        return this;
    }

    /** This folder joined with a relative path below it. */
    public RepoPath resolve(RepoPath child) {
        if (isRoot()) {
            return child;
        }
        return of(value + "/" + child.value);
    }

    /** True for the repository's root (the empty path). */
    public boolean isRoot() {
        return value.isEmpty();
    }

    /** The last segment: the file or folder's own name ({@code ""} for the root). */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The folder holding this path; the root's parent is the root. */
    public RepoPath parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? ROOT : new RepoPath(value.substring(0, slash));
    }

    /** Every folder above this path, nearest first, without the root. */
    public List<RepoPath> ancestors() {
        java.util.ArrayList<RepoPath> result = new java.util.ArrayList<>();
        for (RepoPath p = parent(); !p.isRoot(); p = p.parent()) {
            result.add(p);
        }
        return result;
    }

    /** True when this path lies strictly below {@code folder}. */
    public boolean isBelow(RepoPath folder) {
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
