package io.modellibrary.common;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * Request bodies with a key twice ({@code {"isPrivate": true, "isPrivate": false}}) are
 * refused with a 400 instead of silently taking the last value: which copy a proxy, a
 * validator or this server reads must never decide a repository's visibility (RFC 8259
 * §4: names "SHOULD be unique"; the behaviour with duplicates is unpredictable).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
