package io.modellibrary.security;

import io.modellibrary.common.SettingRefusedException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Cross-origin access under {@code modellibrary.cors.*}.
 *
 * @param allowedOrigins   origins such as {@code https://hub.example.org}, or {@code *}; empty (the
 *                         default) allows the same origin only
 * @param allowCredentials let browsers send cookies along; tokens travel in a header, so this is
 *                         rarely needed, and never together with {@code *} ({@link #requireNoWildcardWithCredentials})
 */
@ConfigurationProperties("modellibrary.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials) {

    List<String> origins() {
        return allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    /**
     * Refuses {@code allow-credentials} together with the origin {@code *}: a browser never sends
     * credentials to a wildcard (Fetch standard, "CORS protocol and credentials"), and Spring refuses the
     * pair on the first cross-origin request. Reported as docs/decisions.md P13 reports a refused setting,
     * by its properties and environment variables (an {@code @AssertTrue} method was reported as the property
     * {@code modellibrary.cors.wildcardWithoutCredentials}). Called by {@link Cors#filter}.
     *
     * @throws SettingRefusedException naming both settings
     */
    void requireNoWildcardWithCredentials() {
        if (allowCredentials && origins().contains("*")) {
            throw new SettingRefusedException("modellibrary.cors.allow-credentials (MODELLIBRARY_CORS_ALLOWCREDENTIALS)",
                    "is true while modellibrary.cors.allowed-origins (CORS_ALLOWED_ORIGINS) holds *: browsers send"
                            + " no credentials to any origin",
                    "Name the origins allowed in CORS_ALLOWED_ORIGINS instead of *, or set allow-credentials to false.");
        }
    }
}
