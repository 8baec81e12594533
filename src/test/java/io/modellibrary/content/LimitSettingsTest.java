package io.modellibrary.content;

import io.modellibrary.blob.StorageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A size limit the server cannot honour stops it at start-up, naming the setting, rather than refusing every upload later. */
class LimitSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({FilesProperties.class, StorageProperties.class})
    static class Limits {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Limits.class);

    @Test
    void theDefaultsStart() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aNegativeOrZeroFileSizeLimitRefusesToStartNamingTheSetting() {
        for (String setting : new String[] {"modellibrary.files.max-file-size=-5MB", "modellibrary.files.max-request-size=0"}) {
            runner.withPropertyValues(setting).run(context -> assertThat(context).hasFailed().getFailure()
                    .rootCause().hasMessageContaining(setting.substring(0, setting.indexOf('='))));
        }
    }

    @Test
    void aNegativeMinFreeOrGraceOrAnEmptyPeriodRefusesToStartNamingTheSetting() {
        for (String setting : new String[] {"modellibrary.storage.min-free=-1MB", "modellibrary.storage.grace=-1h",
                "modellibrary.storage.gc-interval=0s", "modellibrary.storage.lease=-5m"}) {
            runner.withPropertyValues(setting).run(context -> assertThat(context).hasFailed().getFailure()
                    .rootCause().hasMessageContaining(setting.substring(0, setting.indexOf('='))));
        }
    }
}
