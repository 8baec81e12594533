package io.modellibrary.database;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded database's page cache: an eighth of the heap by default, a setting below 1 MB refused by name. */
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
}
