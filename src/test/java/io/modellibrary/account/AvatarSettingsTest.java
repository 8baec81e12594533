package io.modellibrary.account;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** An avatar size limit the server cannot honour stops it at start-up, naming the setting, rather than refusing every avatar later. */
class AvatarSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AvatarProperties.class)
    static class Avatars {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Avatars.class);

    @Test
    void aLimitOfZeroOrLessRefusesToStartNamingTheSetting() {
        runner.run(context -> assertThat(context).hasNotFailed());
        for (String setting : new String[] {"modellibrary.avatars.max-size=-1MB", "modellibrary.avatars.max-size=0"}) {
            runner.withPropertyValues(setting).run(context -> assertThat(context).hasFailed().getFailure()
                    .rootCause().hasMessageContaining("modellibrary.avatars.max-size"));
        }
    }
}
