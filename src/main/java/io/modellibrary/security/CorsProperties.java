package io.modellibrary.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Cross-origin access under {@code modellibrary.cors.*}.
 *
 * @param allowedOrigins   origins such as {@code https://hub.example.org}, or {@code *}; empty (the
 *                         default) allows the same origin only
 * @param allowCredentials let browsers send cookies along; tokens travel in a header, so this is
 *                         rarely needed, and never together with {@code *}
 */
@Validated
@ConfigurationProperties("modellibrary.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("false") boolean allowCredentials) {

    List<String> origins() {
        return allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    @AssertTrue(message = "allowed-origins '*' cannot be combined with allow-credentials")
    public boolean isWildcardWithoutCredentials() {
        return !allowCredentials || !origins().contains("*");
    }
}
