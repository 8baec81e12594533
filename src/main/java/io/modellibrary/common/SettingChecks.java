package io.modellibrary.common;

import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Start-up checks of sizes and periods in configuration records: a value the server cannot honour
 * stops it, with an {@link IllegalArgumentException} naming the setting (Spring Boot reports the
 * binding failure with it), rather than starting and failing every request later. A null value
 * (a setting bound without its default, in a test) passes.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** @throws IllegalArgumentException when {@code size} is zero or less */
    public static void positive(String setting, DataSize size) {
        if (size != null && size.toBytes() <= 0) {
            throw new IllegalArgumentException(setting + " must be more than 0 bytes, not " + size);
        }
    }

    /** @throws IllegalArgumentException when {@code period} is zero or less */
    public static void positive(String setting, Duration period) {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException(setting + " must be more than 0s, not " + period);
        }
    }

    /** @throws IllegalArgumentException when {@code size} is negative */
    public static void notNegative(String setting, DataSize size) {
        if (size != null && size.isNegative()) {
            throw new IllegalArgumentException(setting + " must be 0 or more, not " + size);
        }
    }

    /** @throws IllegalArgumentException when {@code period} is negative */
    public static void notNegative(String setting, Duration period) {
        if (period != null && period.isNegative()) {
            throw new IllegalArgumentException(setting + " must be 0s or more, not " + period);
        }
    }
}
