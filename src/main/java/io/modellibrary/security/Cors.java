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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.cors.CorsUtils;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.List;

/**
 * The CORS filter of the security chain. Cross-origin requests from an origin not in
 * {@code modellibrary.cors.allowed-origins} (all of them by default) are refused with a
 * 403 envelope; allowed ones may send {@code Authorization} and read it back.
 *
 * <p>Behind a reverse proxy the host this server sees is often not the one the browser
 * used (nginx passes {@code Host: <upstream>} unless told otherwise), so a page served
 * by the proxy would look cross-origin to itself. A request is treated as same-origin
 * when the browser says so ({@code Sec-Fetch-Site: same-origin}, a header pages cannot
 * set; Fetch Metadata) or when its {@code Origin} names the host the proxy reports in
 * {@code X-Forwarded-Host}. A refused origin is logged once, with the setting that
 * would allow it.
 */
final class Cors {

    private Cors() {
    }

    /**
     * The filter for these settings.
     *
     * @throws io.modellibrary.common.SettingRefusedException for {@code allow-credentials} with the origin {@code *}
     */
    static CorsFilter filter(CorsProperties properties) {
        properties.requireNoWildcardWithCredentials();
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

        private static final Logger log = LoggerFactory.getLogger(Cors.class);
        private static final int MAX_LOGGED_ORIGINS = 100;
        private final Set<String> logged = ConcurrentHashMap.newKeySet();

        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (sameOriginBehindProxy(request)) {
                return true;
            }
            boolean allowed = super.processRequest(config, request, response);
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (!allowed && origin != null && logged.size() < MAX_LOGGED_ORIGINS && logged.add(origin)) {
                log.warn("Refused requests from origin {} (this server was addressed as {}). If the web client is served "
                        + "there, allow it with modellibrary.cors.allowed-origins={} (environment CORS_ALLOWED_ORIGINS); "
                        + "if it is this server behind a reverse proxy, let the proxy pass the Host header "
                        + "(nginx: proxy_set_header Host $host) or X-Forwarded-Host. Logged once per origin.",
                        printable(origin), printable(request.getHeader(HttpHeaders.HOST)), printable(origin));
            }
            return allowed;
        }

        private static boolean sameOriginBehindProxy(HttpServletRequest request) {
            if ("same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
                return true;
            }
            String forwardedHost = request.getHeader("X-Forwarded-Host");
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (forwardedHost == null || origin == null || CorsUtils.isPreFlightRequest(request)) {
                return false;
            }
            String host = forwardedHost.split(",")[0].strip();
            int scheme = origin.indexOf("://");
            return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
        }

        /** Header text for a log line: printable ASCII only, at most 200 characters. */
        private static String printable(String value) {
            if (value == null) {
                return "(none)";
            }
            String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
            return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
        }

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
