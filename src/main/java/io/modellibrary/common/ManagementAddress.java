package io.modellibrary.common;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * A management port of its own ({@code management.server.port}) listens on 127.0.0.1 unless
 * {@code management.server.address} names another address (in a container: {@code 0.0.0.0},
 * with the port left unpublished). Spring Boot would bind it to every address, like the main
 * port, and refuses an address without a port of its own, so the default cannot sit in
 * {@code application.yaml}: it is added here, last, only when the port is separate.
 * Registered in {@code META-INF/spring.factories}.
 */
public class ManagementAddress implements EnvironmentPostProcessor {

    static final String PROPERTY = "management.server.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && !environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("managementLoopback", Map.of(PROPERTY, "127.0.0.1")));
        }
    }
}
