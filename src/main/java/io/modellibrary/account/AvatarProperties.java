package io.modellibrary.account;

import io.modellibrary.common.SettingChecks;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Avatar settings under {@code modellibrary.avatars.*}.
 *
 * @param maxSize the largest avatar accepted; larger ones answer 413. The multipart limits
 *                ({@code spring.servlet.multipart.*}) must be at least this large.
 */
@Validated
@ConfigurationProperties("modellibrary.avatars")
record AvatarProperties(@NotNull @DefaultValue("2MB") DataSize maxSize) {

    /** Refuses a limit of zero or less: every avatar would be refused, yet the server would seem to work. */
    AvatarProperties {
        SettingChecks.positive("modellibrary.avatars.max-size", maxSize);
    }
}
