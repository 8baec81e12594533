package io.modellibrary.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded database runs when no MongoDB is configured ({@code MONGODB_URI},
 * {@code spring.mongodb.uri} or {@code spring.mongodb.host}) and
 * {@code modellibrary.mongo.embedded} is not {@code false}.
 */
class EmbeddedMongoCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return embedded(context.getEnvironment());
    }

    /** True when the settings in {@code env} ask for the embedded database (see above). */
    static boolean embedded(Environment env) {
        boolean configured = StringUtils.hasText(env.getProperty("spring.mongodb.uri"))
                || StringUtils.hasText(env.getProperty("spring.mongodb.host"));
        return !configured && env.getProperty("modellibrary.mongo.embedded", Boolean.class, true);
    }
}
