package io.modellibrary.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write sizes and times. */
final class Formats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 512 B}, {@code 20.0 MB} (powers of 1000, as the Hub shows them). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The day, or "" for none. */
    static String day(Instant time) {
        return time == null ? "" : DAY.format(time);
    }

    /** Day and minute in UTC, or "" for none. */
    static String minute(Instant time) {
        return time == null ? "" : MINUTE.format(time);
    }

    /** A number with thousands separators. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
