package io.modellibrary.transfer;

import org.springframework.http.HttpRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a {@code Range} header selects from a file of a given size (RFC 9110
 * §14), parsed by Spring's {@link HttpRange}. {@link #parse} answers:
 * <ul>
 *   <li>null, meaning "send the whole file with 200", when there is no header, another
 *       range unit (§14.2: ignored), an invalid ranges-specifier (§14.2: a server MAY
 *       ignore it; that includes {@code last-pos < first-pos} and more than Spring's 100
 *       ranges), several satisfiable ranges (§14.2: MAY ignore, rather than a
 *       multipart/byteranges body), or a zero-length file with a satisfiable suffix range
 *       (a 206 cannot describe zero bytes);</li>
 *   <li>{@link #UNSATISFIABLE} (416 with {@code Content-Range: bytes *}{@code /size},
 *       §15.5.17) when no range is satisfiable (§14.1.1: an int-range is satisfiable when
 *       its first-pos is below the size, a suffix-range when its suffix-length is not 0);</li>
 *   <li>otherwise the one satisfiable range, its last-pos cut to the file's end (§14.1.1).</li>
 * </ul>
 * The unit is case-insensitive (§14.1); numbers past any {@code long} stand for
 * {@code Long.MAX_VALUE}, past any file's end.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
record ByteRange(long start, long end) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    private static final String UNIT = "bytes=";
    /**
     * One range-spec of the set; the set is split at its commas and each part matched alone (a
     * pattern repeating a group over the whole set recursed once per range: a header of a few
     * thousand ranges overflowed the stack, a 500 found by the hostile-input suite).
     */
    private static final Pattern RANGE_SPEC = Pattern.compile("[ \\t]*\\d*-\\d*[ \\t]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static ByteRange parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return null;
        }
        String set = header.substring(UNIT.length());
        for (String spec : set.split(",", -1)) {
            if (!RANGE_SPEC.matcher(spec).matches()) {
                return null;
            }
        }
        String clamped = clamped(set);
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(UNIT + clamped);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
        List<ByteRange> satisfiable = new ArrayList<>();
        for (HttpRange range : ranges) {
            long start = range.getRangeStart(size);
            long end = range.getRangeEnd(size);
            if (start < size && start <= end) {
                satisfiable.add(new ByteRange(start, end));
            }
        }
        if (satisfiable.size() == 1) {
            return satisfiable.get(0);
        }
        return satisfiable.isEmpty() && !(size == 0 && hasNonZeroSuffix(clamped)) ? UNSATISFIABLE : null;
    }

    /** A suffix-range {@code -N} with N > 0: satisfiable even on an empty file, though no 206 can describe zero bytes. */
    private static boolean hasNonZeroSuffix(String set) {
        return Arrays.stream(set.split(",")).map(String::strip)
                .anyMatch(spec -> spec.startsWith("-") && !spec.substring(1).matches("0+"));
    }

    /** The range set with every number past {@code Long.MAX_VALUE} (leading zeros aside) written as that. */
    private static String clamped(String set) {
        Matcher m = NUMBER.matcher(set);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, new BigInteger(m.group()).min(MAX).toString());
        }
        return m.appendTail(out).toString();
    }

    boolean satisfiable() {
        return start >= 0;
    }

    long length() {
        return end - start + 1;
    }
}
