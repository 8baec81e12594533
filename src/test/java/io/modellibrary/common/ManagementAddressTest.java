package io.modellibrary.common;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the management port listens unless told: loopback, and only when there is such a port. */
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
        assertThat(environment("server.port", "3000", "management.server.port", "3000")
                .getProperty("management.server.address")).isNull();
        assertThat(environment("management.server.port", "-1").getProperty("management.server.address")).isNull();
    }
}
