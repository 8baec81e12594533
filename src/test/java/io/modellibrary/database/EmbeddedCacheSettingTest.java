package io.modellibrary.database;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded database's page cache (an eighth of the heap by default) and retention time: a setting out of range refused by name. */
class EmbeddedCacheSettingTest {

    @Test
    void anEighthOfTheHeapFrom16To1024MegabytesUnlessSet() {
        assertThat(DatabaseConfiguration.Embedded.embeddedCacheMb(new MockEnvironment(), 256)).isEqualTo(32);
        assertThat(DatabaseConfiguration.Embedded.embeddedCacheMb(new MockEnvironment(), 64)).isEqualTo(16);
        assertThat(DatabaseConfiguration.Embedded.embeddedCacheMb(new MockEnvironment(), 24_000)).isEqualTo(1024);
        assertThat(DatabaseConfiguration.Embedded.embeddedCacheMb(
                new MockEnvironment().withProperty("modellibrary.mongo.embedded-cache-mb", "64"), 256)).isEqualTo(64);
    }

    @Test
    void aCacheBelowOneMegabyteStopsTheStartNamingTheSetting() {
        for (String value : new String[] {"-5", "0"}) {
            assertThatThrownBy(() -> DatabaseConfiguration.Embedded.embeddedCacheMb(
                    new MockEnvironment().withProperty("modellibrary.mongo.embedded-cache-mb", value), 256))
                    // the exception Spring Boot's failure report turns into "Invalid value ... for configuration property"
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("modellibrary.mongo.embedded-cache-mb");
        }
    }

    @Test
    void aNegativeOrOverlongRetentionStopsTheStartNamingTheSetting() {
        assertThat(DatabaseConfiguration.Embedded.embeddedRetention(bootEnvironment())).hasSeconds(45);
        assertThat(DatabaseConfiguration.Embedded.embeddedRetention(
                bootEnvironment().withProperty("modellibrary.mongo.embedded-retention", "0s"))).isZero();
        for (String value : new String[] {"-1s", "30d"}) {
            assertThatThrownBy(() -> DatabaseConfiguration.Embedded.embeddedRetention(
                    bootEnvironment().withProperty("modellibrary.mongo.embedded-retention", value)))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("modellibrary.mongo.embedded-retention");
        }
    }

    /** An environment converting as the application's does ({@code 45s}, {@code 30d} to a Duration). */
    private static MockEnvironment bootEnvironment() {
        MockEnvironment env = new MockEnvironment();
        env.setConversionService(new ApplicationConversionService());
        return env;
    }
}
