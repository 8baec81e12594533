package io.modellibrary.files;

/**
 * A single byte range of a {@code Range: bytes=...} header, resolved against the file's
 * size (RFC 9110 §14). {@link #parse} answers null when the whole file is to be sent:
 * no header, another unit, several ranges, or a syntax error (all ignored, as allowed);
 * and {@link #UNSATISFIABLE} when no byte of the file is selected (416).
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
record ByteRange(long start, long end) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    static ByteRange parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        Long first = number(spec.substring(0, dash));
        Long last = number(spec.substring(dash + 1));
        if (dash == 0) {
            return last == null ? null : suffix(last, size);
        }
        if (first == null || (last != null && last < first) || (dash < spec.length() - 1 && last == null)) {
            return null;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, last == null ? size - 1 : Math.min(last, size - 1));
    }

    private static ByteRange suffix(long length, long size) {
        if (length == 0 || size == 0) {
            return UNSATISFIABLE;
        }
        return new ByteRange(Math.max(0, size - length), size - 1);
    }

    /** A run of ASCII digits; one too large for a long stands for Long.MAX_VALUE (past any file's end). */
    private static Long number(String s) {
        String t = s.trim();
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    boolean satisfiable() {
        return start >= 0;
    }

    long length() {
        return end - start + 1;
    }
}
