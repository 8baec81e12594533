package io.modellibrary.files;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * getBlob's {@code filepath}: {@code /<type>/<url-encoded name>/blob/<revision>/<path>}.
 * The name is normally one segment with its {@code /} encoded ({@code dslim%2Fbert}); a
 * name whose slash arrives decoded ({@code dslim/bert}) is recognised too: the segment
 * after the name must then be {@code blob}. The path is taken as it is.
 */
record BlobAddress(RepoType type, String name, String revision, String path) {

    private static final String BLOB = "blob";

    static BlobAddress parse(String filepath) {
        if (filepath == null || !filepath.startsWith("/")) {
            throw invalid();
        }
        String[] s = filepath.substring(1).split("/", -1);
        if (s.length >= 5 && s[2].equals(BLOB)) {
            return of(s, 1);
        }
        if (s.length >= 6 && s[3].equals(BLOB)) {
            return of(s, 2);
        }
        throw invalid();
    }

    private static BlobAddress of(String[] s, int nameSegments) {
        String name = String.join("/", Arrays.copyOfRange(s, 1, 1 + nameSegments));
        String revision = decode(s[2 + nameSegments], "revision");
        String path = String.join("/", Arrays.copyOfRange(s, 3 + nameSegments, s.length));
        return new BlobAddress(RepoType.parse(s[0]), decode(name, "repository name"), revision, path);
    }

    /** A segment as the Hub client encodes it ({@code refs%2Fpr%2F1} is the revision {@code refs/pr/1}). */
    private static String decode(String segment, String what) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("filepath: the " + what + " is not properly percent-encoded");
        }
    }

    private static BadRequestException invalid() {
        return new BadRequestException("filepath must look like /<type>/<name>/blob/<revision>/<path>");
    }
}
