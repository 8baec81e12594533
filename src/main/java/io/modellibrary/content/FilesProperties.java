package io.modellibrary.content;

import io.modellibrary.common.SettingChecks;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Upload limits under {@code modellibrary.files.*}. Over either limit an upload answers
 * 413 and nothing of it is stored.
 *
 * @param maxFileSize    the largest single file (default 50GB)
 * @param maxRequestSize the largest upload request, all its files together (default 200GB)
 * @param lfsPartSize    the part size of Git LFS multipart uploads (default 16MB, from 1MB to 1GB); objects larger
 *                       than two parts go by multipart when the client offers it ({@link LfsObjects})
 */
@Validated
@ConfigurationProperties("modellibrary.files")
public record FilesProperties(
        @NotNull @DefaultValue("50GB") DataSize maxFileSize,
        @NotNull @DefaultValue("200GB") DataSize maxRequestSize,
        @NotNull @DefaultValue("16MB") DataSize lfsPartSize) {

    /**
     * Refuses a limit of zero or less (every upload would be refused, yet the server would seem to work), and a part
     * size below 1MB (a thousand-part header for a 1 GB object) or above 1GB (a part held in one temporary file).
     */
    public FilesProperties {
        SettingChecks.positive("modellibrary.files.max-file-size", maxFileSize);
        SettingChecks.positive("modellibrary.files.max-request-size", maxRequestSize);
        if (lfsPartSize != null && (lfsPartSize.toBytes() < DataSize.ofMegabytes(1).toBytes()
                || lfsPartSize.toBytes() > DataSize.ofGigabytes(1).toBytes())) {
            throw new IllegalArgumentException("modellibrary.files.lfs-part-size must be from 1MB to 1GB, not " + lfsPartSize);
        }
    }

    /** The largest text file the browser editor writes and getBlob shows inline. */
    public static final int MAX_TEXT_BYTES = 1024 * 1024;

    /** {@code bytes} for a message: in the largest unit it is a whole number of ({@code 50GB}), else {@code <n> bytes}. */
    public static String describe(long bytes) {
        for (String unit : new String[] {"TB", "GB", "MB", "KB"}) {
            DataSize one = DataSize.parse("1" + unit);
            if (bytes >= one.toBytes() && bytes % one.toBytes() == 0) {
                return bytes / one.toBytes() + unit;
            }
        }
        return bytes + " bytes";
    }
}
