package io.modellibrary.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the database of every test application context, once per JVM: a Testcontainers
 * MongoDB where Docker runs, the embedded server otherwise. {@code MODELLIBRARY_TEST_DB}
 * (or {@code -Dmodellibrary.test.db}) set to {@code embedded} or {@code container} forces
 * one; {@code container} without a working Docker fails every context that starts (CI's
 * container job must not pass on the embedded server). Each context also gets a fresh data directory unless the test names one with
 * {@code modellibrary.test.data-dir}.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    private static volatile Boolean container;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String named = environment.getProperty("modellibrary.test.data-dir");
        props.put("modellibrary.data-dir", named != null ? named : freshDataDir().toString());
        if (useContainer()) {
            props.put("modellibrary.mongo.embedded", "false");
            // A configured MongoDB needs a configured signing secret (docs/http-contract.md#tokens).
            String secret = environment.getProperty("modellibrary.jwt.secret");
            if (secret == null || secret.isBlank()) {
                props.put("modellibrary.jwt.secret", "test-secret-for-the-container-database-0123456789");
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource("testDatabase", props));
    }

    /** True when tests run against a MongoDB container instead of the embedded server. */
    public static boolean useContainer() {
        if (container == null) {
            String forced = System.getProperty("modellibrary.test.db", System.getenv("MODELLIBRARY_TEST_DB"));
            String choice = forced == null ? "auto" : forced.trim().toLowerCase(Locale.ROOT);
            container = switch (choice) {
                case "container" -> requireDocker();
                case "embedded" -> false;
                case "auto", "" -> dockerAvailable();
                default -> throw new IllegalStateException("MODELLIBRARY_TEST_DB=" + forced + ": expected embedded, container or auto");
            };
            System.out.println("Test database: " + (container ? "MongoDB in a Testcontainers container" : "embedded wire-protocol server"));
        }
        return container;
    }

    private static boolean requireDocker() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("MODELLIBRARY_TEST_DB=container (or -Dmodellibrary.test.db=container) asks for"
                    + " a MongoDB container, but Docker is not available to Testcontainers; start Docker, or run with"
                    + " MODELLIBRARY_TEST_DB=embedded");
        }
        return true;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    private static Path freshDataDir() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(base, "ctx-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
