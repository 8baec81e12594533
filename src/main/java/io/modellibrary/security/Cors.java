package io.modellibrary.security;

import io.modellibrary.common.Errors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The CORS filter of the security chain. Cross-origin requests from an origin not in
 * {@code modellibrary.cors.allowed-origins} (all of them by default) are refused with a
 * 403 envelope; allowed ones may send {@code Authorization} and read it back.
 */
final class Cors {

    private Cors() {
    }

    static CorsFilter filter(CorsProperties properties) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.origins());
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        config.setExposedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_DISPOSITION));
        config.setAllowCredentials(properties.allowCredentials());
        config.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new EnvelopeCorsProcessor());
        return filter;
    }

    private static final class EnvelopeCorsProcessor extends DefaultCorsProcessor {
        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            if (response instanceof ServletServerHttpResponse servlet) {
                Errors.write(servlet.getServletResponse(), HttpStatus.FORBIDDEN.value(), "origin not allowed");
            } else {
                super.rejectRequest(response);
            }
        }
    }
}
