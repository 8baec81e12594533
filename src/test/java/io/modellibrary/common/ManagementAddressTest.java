package io.modellibrary.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the management port listens unless told: loopback, and only when there is such a port;
 * a management port equal to the main one stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagementAddressTest {

    private static MockEnvironment environment(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < properties.length; i += 2) {
            environment.setProperty(properties[i], properties[i + 1]);
        }
        new ManagementAddress().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void aManagementPortOfItsOwnListensOnLoopbackByDefault() {
        assertThat(environment("server.port", "3000", "management.server.port", "9090")
                .getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void anAddressTheOperatorNamesIsKept() {
        assertThat(environment("management.server.port", "9090", "management.server.address", "0.0.0.0")
                .getProperty("management.server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void withoutAPortOfItsOwnNoAddressIsSet() {
        assertThat(environment("server.port", "3000").getProperty("management.server.address")).isNull();
        assertThat(environment("management.server.port", "-1").getProperty("management.server.address")).isNull();
    }

    @Test
    void aManagementPortEqualToTheMainPortStopsTheStartSayingWhy() {
        // Spring Boot would serve the actuator on the public port, where prometheus and backup answer 404
        assertThatThrownBy(() -> environment("server.port", "3000", "management.server.port", "3000"))
                .isInstanceOfSatisfying(SettingRefusedException.class, refused -> {
                    FailureAnalysis report = new SettingRefusedException.Analyzer().analyze(refused);
                    assertThat(report.getDescription()).contains("management.server.port (MANAGEMENT_SERVER_PORT)")
                            .contains("is 3000").contains("/actuator/prometheus").contains("/actuator/backup");
                    assertThat(report.getAction()).contains("port of its own");
                });
        assertThatThrownBy(() -> environment("management.server.port", "8080")).isInstanceOf(SettingRefusedException.class);
        // a random port each (tests) and a separate port start
        assertThat(environment("server.port", "0", "management.server.port", "0").getProperty("management.server.address"))
                .isEqualTo("127.0.0.1");
        assertThat(environment("server.port", "3000", "management.server.port", "3001").getProperty("management.server.address"))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void theOperatorSeesTheReasonInSpringBootsStartUpReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--server.port=3000", "--management.server.port=3000"))
                .isInstanceOf(SettingRefusedException.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("The setting management.server.port (MANAGEMENT_SERVER_PORT) is 3000");
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
