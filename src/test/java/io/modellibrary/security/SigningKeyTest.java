package io.modellibrary.security;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.database.DatabaseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing secret: a configured one must have 256 bits or the server does not start;
 * without one, on the embedded database only, a random secret is generated once, readable
 * by the owner only, and reused.
 */
class SigningKeyTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({JwtProperties.class, ModelLibraryProperties.class})
    @Import({SigningKey.class, JwtService.class})
    static class Keys {
    }

    private ApplicationContextRunner runner() {
        return runner(true);
    }

    private ApplicationContextRunner runner(boolean embeddedDatabase) {
        return new ApplicationContextRunner().withUserConfiguration(Keys.class)
                .withBean(java.time.Clock.class, java.time.Clock::systemUTC)
                .withBean(DatabaseMode.class, () -> new DatabaseMode(embeddedDatabase))
                .withPropertyValues("modellibrary.data-dir=" + dataDir);
    }

    @Test
    void withARealMongoDbAndNoSecretTheServerRefusesToStart() {
        runner(false).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Set JWT_SECRET");
            assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
        });
        runner(false).withPropertyValues("modellibrary.jwt.secret=a-configured-secret-of-at-least-32-bytes")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aSecretShorterThan256BitsStopsTheStart() {
        runner().withPropertyValues("modellibrary.jwt.secret=only-31-bytes-long-secret-value")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 256 bits");
                });
    }

    @Test
    void aConfiguredSecretIsUsedAndNothingIsWritten() {
        String secret = "a-configured-secret-of-at-least-32-bytes";
        runner().withPropertyValues("modellibrary.jwt.secret=" + secret).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SigningKey.class).key().getEncoded()).isEqualTo(secret.getBytes());
            assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
        });
    }

    @Test
    void withoutASecretOneIsGeneratedPrivatelyAndSurvivesARestart() throws Exception {
        String[] token = new String[1];
        runner().run(context -> token[0] = context.getBean(JwtService.class).issue("0123456789abcdef01234567", "kim"));

        Path file = dataDir.resolve("jwt-secret");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        runner().run(context -> assertThat(context.getBean(JwtService.class).verified(token[0]))
                .map(JwtService.Session::userId).contains("0123456789abcdef01234567"));
    }

    @Test
    void aDifferentDataDirectoryMeansADifferentKey(@TempDir Path otherDir) {
        String[] token = new String[1];
        runner().run(context -> token[0] = context.getBean(JwtService.class).issue("0123456789abcdef01234567", "kim"));

        runner().withPropertyValues("modellibrary.data-dir=" + otherDir)
                .run(context -> assertThat(context.getBean(JwtService.class).verified(token[0])).isEmpty());
    }
}
