package io.modellibrary.security;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.SettingRefusedException;
import io.modellibrary.database.DatabaseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
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
    void aSecretShorterThan256BitsStopsTheStartNamingTheSettingButNotTheSecret() {
        String secret = "only-31-bytes-long-secret-value";
        runner().withPropertyValues("modellibrary.jwt.secret=" + secret)
                .run(context -> {
                    assertThat(context).hasFailed();
                    // the operator's "APPLICATION FAILED TO START" block
                    FailureAnalysis report = new SettingRefusedException.Analyzer().analyze(context.getStartupFailure());
                    assertThat(report).isNotNull();
                    assertThat(report.getDescription()).contains("modellibrary.jwt.secret (JWT_SECRET)")
                            .contains("at least 256 bits").contains("31 bytes")
                            .doesNotContain(secret).doesNotContain("secretLongEnough");
                    assertThat(report.getAction()).contains("openssl rand").doesNotContain(secret);
                    assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining(secret);
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

    @Test
    void aSecondServerGivenTheFirstOnesSecretFileAcceptsItsSessionsAndWritesNothing(@TempDir Path secondDir) {
        // the README's recipe for a second server joining the first one's embedded database
        String[] token = new String[1];
        runner().run(context -> token[0] = context.getBean(JwtService.class).issue("0123456789abcdef01234567", "kim"));
        Path file = dataDir.resolve("jwt-secret");

        runner(false).withPropertyValues("modellibrary.data-dir=" + secondDir, "modellibrary.jwt.secret-file=" + file)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(JwtService.class).verified(token[0]))
                            .map(JwtService.Session::userId).contains("0123456789abcdef01234567");
                    String back = context.getBean(JwtService.class).issue("0123456789abcdef01234567", "kim");
                    runner().run(first -> assertThat(first.getBean(JwtService.class).verified(back)).isPresent());
                });
        assertThat(secondDir.resolve("jwt-secret")).doesNotExist();
        // the file's text as JWT_SECRET is another key: the reason for the setting
        runner(false).withPropertyValues("modellibrary.data-dir=" + secondDir, "modellibrary.jwt.secret=" + readString(file))
                .run(context -> assertThat(context.getBean(JwtService.class).verified(token[0])).isEmpty());
    }

    @Test
    void aMissingSecretFileStopsTheStartWithoutGeneratingOne(@TempDir Path secondDir) {
        runner(false).withPropertyValues("modellibrary.data-dir=" + secondDir, "modellibrary.jwt.secret-file=" + secondDir.resolve("nope"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("nope");
                });
        assertThat(secondDir.resolve("nope")).doesNotExist();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
