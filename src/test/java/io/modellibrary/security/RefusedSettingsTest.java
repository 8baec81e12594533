package io.modellibrary.security;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.SettingRefusedException;
import io.modellibrary.database.DatabaseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.CorsFilter;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token lifetimes ({@code modellibrary.jwt.ttl}, {@code max-session-age}) and the CORS pair (the
 * origin {@code *} with {@code allow-credentials}) the server cannot work with stop the start, and the
 * operator's report names the real property and its environment variable (docs/decisions.md P13), never
 * a validation method dressed as a property ({@code modellibrary.jwt.ttlPositive}).
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedSettingsTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({JwtProperties.class, ModelLibraryProperties.class, CorsProperties.class})
    @Import({SigningKey.class, JwtService.class})
    static class Settings {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        DatabaseMode databaseMode() {
            return new DatabaseMode(true);
        }

        @Bean
        CorsFilter corsFilter(CorsProperties cors) {
            return Cors.filter(cors);
        }
    }

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("modellibrary.data-dir=" + dataDir).withPropertyValues(properties);
    }

    /** The "APPLICATION FAILED TO START" block of a start refused with these settings, as the analyzer writes it. */
    private FailureAnalysis refusedStart(String... properties) {
        FailureAnalysis[] report = new FailureAnalysis[1];
        runner(properties).run(context -> {
            assertThat(context).hasFailed();
            report[0] = new SettingRefusedException.Analyzer().analyze(context.getStartupFailure());
        });
        assertThat(report[0]).as("reported as a refused setting").isNotNull();
        return report[0];
    }

    @Test
    void theDefaultsAndPositiveLifetimesStart() {
        runner().run(context -> assertThat(context).hasNotFailed());
        runner("modellibrary.jwt.ttl=15m", "modellibrary.jwt.max-session-age=1d",
                "modellibrary.cors.allowed-origins=https://hub.example.org", "modellibrary.cors.allow-credentials=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aTokenLifetimeOfZeroOrLessIsRefusedByItsPropertyName() {
        for (String ttl : new String[]{"0s", "-1h"}) {
            FailureAnalysis report = refusedStart("modellibrary.jwt.ttl=" + ttl);
            assertThat(report.getDescription()).contains("modellibrary.jwt.ttl (MODELLIBRARY_JWT_TTL)")
                    .contains("must be longer than zero").doesNotContain("ttlPositive");
            assertThat(report.getAction()).contains("24h");
        }
    }

    @Test
    void aSessionAgeOfZeroOrLessIsRefusedByItsPropertyName() {
        FailureAnalysis report = refusedStart("modellibrary.jwt.max-session-age=0d");
        assertThat(report.getDescription()).contains("modellibrary.jwt.max-session-age (MODELLIBRARY_JWT_MAXSESSIONAGE)")
                .contains("must be longer than zero").doesNotContain("maxSessionAgePositive");
        assertThat(report.getAction()).contains("30d");
    }

    @Test
    void anyOriginWithCredentialsIsRefusedNamingBothSettings() {
        FailureAnalysis report = refusedStart("modellibrary.cors.allowed-origins=https://hub.example.org, *",
                "modellibrary.cors.allow-credentials=true");
        assertThat(report.getDescription()).contains("modellibrary.cors.allow-credentials (MODELLIBRARY_CORS_ALLOWCREDENTIALS)")
                .contains("modellibrary.cors.allowed-origins (CORS_ALLOWED_ORIGINS)").doesNotContain("wildcardWithoutCredentials");
        assertThat(report.getAction()).contains("CORS_ALLOWED_ORIGINS");
        // any origin without credentials is allowed
        runner("modellibrary.cors.allowed-origins=*").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theOperatorSeesTheRealPropertyInSpringBootsStartUpReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Settings.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--modellibrary.data-dir=" + dataDir, "--modellibrary.jwt.ttl=0s"))
                .hasRootCauseInstanceOf(SettingRefusedException.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("The setting modellibrary.jwt.ttl (MODELLIBRARY_JWT_TTL) must be longer than zero")
                .doesNotContain("ttlPositive");
    }
}
