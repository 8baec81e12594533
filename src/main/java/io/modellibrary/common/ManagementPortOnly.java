package io.modellibrary.common;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Keeps the operator's actuator endpoints ({@value #LIST}) off the public port: they are exposed
 * over HTTP only when {@code management.server.port} names a port of their own (Spring Boot's
 * {@link ManagementPortType#DIFFERENT}), on 127.0.0.1 unless {@code management.server.address}
 * says otherwise ({@link ManagementAddress}). Without it they are not served at all
 * (404 on the main port, like any unknown path). {@code /actuator/health} is on the main port
 * while there is no management port; with one it moves there too (Spring Boot serves the whole
 * actuator on it).
 * README, "Running at scale".
 */
@Component
class ManagementPortOnly implements EndpointFilter<ExposableWebEndpoint> {

    /** The endpoints served on the management port only. */
    static final String LIST = "prometheus, backup";
    private static final Set<String> OPERATOR_ONLY = Set.of("prometheus", "backup");

    private final boolean ownPort;

    ManagementPortOnly(Environment environment) {
        this.ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }

    @Override
    public boolean match(ExposableWebEndpoint endpoint) {
        return ownPort || !OPERATOR_ONLY.contains(endpoint.getEndpointId().toLowerCaseString());
    }
}
