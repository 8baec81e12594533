package io.modellibrary.blob;

import io.modellibrary.common.SettingChecks;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Storage settings under {@code modellibrary.storage.*}.
 *
 * @param lease           how long an upload holds the blobs it stores without renewing (default 1h; an
 *                        upload renews at its next sync batch after a third of it); a held blob is never
 *                        collected
 * @param grace           a blob younger than this is never collected, referenced or not (default 1h)
 * @param gcInterval      how often the collector runs on its own; it also runs after deletions (default 10m)
 * @param syncBatchFiles  small blobs of one upload synced to disk together, at most this many (default 1000)
 * @param syncBatchBytes  ... and at most this many bytes (default 64 MiB); a larger blob is its own batch
 * @param pendingObjects  how long a blob stored for a later commit (a Git LFS upload) is kept uncommitted
 *                        after the last upload or batch naming it (default 24h; {@link PendingObjects})
 * @param minFree         space an upload never takes from the data directory's file system (default 256MB):
 *                        the embedded database writes there too, and closes itself when a write of its own
 *                        fails for want of space; an upload that would leave less answers 507
 */
@Validated
@ConfigurationProperties("modellibrary.storage")
public record StorageProperties(
        @NotNull @DefaultValue("1h") Duration lease,
        @NotNull @DefaultValue("1h") Duration grace,
        @NotNull @DefaultValue("10m") Duration gcInterval,
        @DefaultValue("1000") @Min(1) int syncBatchFiles,
        @DefaultValue("67108864") @Min(1) long syncBatchBytes,
        @NotNull @DefaultValue("24h") Duration pendingObjects,
        @NotNull @DefaultValue("256MB") DataSize minFree) {

    /**
     * Refuses a negative {@code min-free} (uploads would take space the embedded database needs), a negative
     * {@code grace} (blobs of uploads in progress become collectable) and a {@code gc-interval} or {@code lease}
     * of zero or less (the collector's timer and an upload's renewal need a period), naming the setting.
     */
    public StorageProperties {
        SettingChecks.notNegative("modellibrary.storage.min-free", minFree);
        SettingChecks.notNegative("modellibrary.storage.grace", grace);
        SettingChecks.positive("modellibrary.storage.gc-interval", gcInterval);
        SettingChecks.positive("modellibrary.storage.lease", lease);
    }
}
