package io.modellibrary.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Top-level settings under {@code modellibrary.*}.
 *
 * @param dataDir  where everything the server keeps lives: the embedded database, blobs, avatars
 * @param demoData load the demo catalogue on first start when the catalogue is empty
 */
@Validated
@ConfigurationProperties("modellibrary")
public record ModelLibraryProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean demoData) {
}
