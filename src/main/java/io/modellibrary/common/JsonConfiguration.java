package io.modellibrary.common;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
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

    /**
     * A number or boolean where a body field takes text ({@code {"name": 0}}) is a 400, not the text
     * {@code "0"}: a wrong type is a mistake to report, never a value to store (a number became a
     * repository's name before: found by the hostile-input suite). Likewise a number where a field
     * takes {@code true} or {@code false}, and an empty or blank string there (it read as "not given":
     * {@code "isPrivate": "\u0000"} kept a visibility the caller meant to change). (Jackson's default
     * coerces these scalars silently.)
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalarTypes() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, flag -> flag.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail).setAcceptBlankAsEmpty(false));
    }

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
