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
 * <p>
 * A management port equal to the main one stops the start ({@link SettingRefusedException}):
 * Spring Boot then serves the actuator on the main port ({@code ManagementPortType.SAME}), where
 * {@link ManagementPortOnly} hides prometheus and backup, so the operator's metrics and backups
 * would answer 404 without a word. Nothing needs equal ports: leaving the setting out gives the
 * same server. Port 0 (a random port each) is not equal.
 * Registered in {@code META-INF/spring.factories}.
 */
public class ManagementAddress implements EnvironmentPostProcessor {

    static final String PROPERTY = "management.server.address";
    /** Spring Boot's main port when {@code server.port} is unset (application.yaml sets 3000). */
    private static final int DEFAULT_SERVER_PORT = 8080;

    /**
     * Adds the loopback default.
     *
     * @throws SettingRefusedException when {@code management.server.port} equals {@code server.port}
     */
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Integer managementPort = environment.getProperty("management.server.port", Integer.class);
        Integer serverPort = environment.getProperty("server.port", Integer.class, DEFAULT_SERVER_PORT);
        if (managementPort != null && managementPort > 0 && managementPort.equals(serverPort)) {
            throw new SettingRefusedException("management.server.port (MANAGEMENT_SERVER_PORT)",
                    "is " + managementPort + ", the main port (server.port, PORT): the actuator would share the public port,"
                            + " where /actuator/" + ManagementPortOnly.LIST.replace(", ", " and /actuator/") + " are not served (404)",
                    "Give MANAGEMENT_SERVER_PORT a port of its own (e.g. 9090), or leave it unset to run without metrics"
                            + " and backups over HTTP (README, \"Running at scale\").");
        }
        if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && !environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("managementLoopback", Map.of(PROPERTY, "127.0.0.1")));
        }
    }
}
