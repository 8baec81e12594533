package io.modellibrary.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Top-level settings under {@code modellibrary.*}.
 *
 * @param dataDir  where everything the server keeps lives: the embedded database, blobs, avatars
 * @param demoData load the demo catalogue on first start when the catalogue is empty
 * @param demoSize how many repositories the demo catalogue holds, models and datasets in
 *                 the default's proportion (330 + 120); larger values are for benchmarks
 * @param demoFiles give the demo repositories small files and commits, in the background
 *                  after the demo catalogue is loaded (the catalogue benchmark turns it off)
 */
@Validated
@ConfigurationProperties("modellibrary")
public record ModelLibraryProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean demoData,
        @DefaultValue("450") @Min(1) @Max(20000) int demoSize,
        @DefaultValue("true") boolean demoFiles) {
}
