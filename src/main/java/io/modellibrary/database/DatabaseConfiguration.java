package io.modellibrary.database;

import com.mongodb.ConnectionString;
import io.modellibrary.common.ModelLibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the database. With {@code MONGODB_URI} (or {@code spring.mongodb.uri}) set,
 * Spring Boot connects to that MongoDB and this class only says so. Without it, the
 * embedded server starts first and the Mongo client is pointed at it; as the client
 * depends on it, Spring closes the client before it stops the server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String DATABASE = "modellibrary";

    /** Logs the database server becoming reachable or not, embedded or external ({@link DatabaseConnectionLog}). */
    @Bean
    MongoClientSettingsBuilderCustomizer databaseConnectionLog() {
        DatabaseConnectionLog listener = new DatabaseConnectionLog();
        return settings -> settings.applyToServerSettings(server -> server.addServerListener(listener));
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(EmbeddedMongoCondition.class)
    static class Embedded {

        @Bean(destroyMethod = "close")
        EmbeddedMongoServer embeddedMongoServer(ModelLibraryProperties properties, Environment env) {
            int cacheMb = embeddedCacheMb(env, Runtime.getRuntime().maxMemory() >> 20);
            return new EmbeddedMongoServer(properties.dataDir().resolve("mongo.mv"), cacheMb, embeddedRetention(env));
        }

        /**
         * How long the embedded database keeps a dead chunk before reusing its space:
         * {@code modellibrary.mongo.embedded-retention}, else {@link EmbeddedMongoServer#RETENTION}.
         *
         * @throws InvalidConfigurationPropertyValueException for a negative time or one over H2's
         *         {@code int} of milliseconds (about 24 days), naming the setting
         */
        static java.time.Duration embeddedRetention(Environment env) {
            java.time.Duration retention = env.getProperty("modellibrary.mongo.embedded-retention", java.time.Duration.class,
                    EmbeddedMongoServer.RETENTION);
            if (retention.isNegative() || retention.toMillis() > Integer.MAX_VALUE) {
                throw new InvalidConfigurationPropertyValueException("modellibrary.mongo.embedded-retention", retention,
                        "the embedded database's retention time must be from 0s to 24d");
            }
            return retention;
        }

        @Bean
        DatabaseMode databaseMode() {
            return new DatabaseMode(true);
        }

        /**
         * The embedded database's page cache in MB: {@code modellibrary.mongo.embedded-cache-mb}, else an
         * eighth of the heap ({@code heapMb}) from 16 to 1,024.
         *
         * @throws InvalidConfigurationPropertyValueException for a setting below 1: Spring Boot's
         *         "APPLICATION FAILED TO START" report names the setting, its value and where it was set,
         *         as the bound settings' reports do, rather than a 180-line stack trace
         */
        static int embeddedCacheMb(Environment env, long heapMb) {
            int cacheMb = env.getProperty("modellibrary.mongo.embedded-cache-mb", Integer.class,
                    (int) Math.max(16, Math.min(1024, heapMb / 8)));
            if (cacheMb < 1) {
                throw new InvalidConfigurationPropertyValueException("modellibrary.mongo.embedded-cache-mb", cacheMb,
                        "the embedded database's page cache must be 1 MB or more");
            }
            return cacheMb;
        }

        /**
         * The embedded database's connections close after 10 s unused (looked at every 2 s): each
         * is a Unix socket pair and a channel of the embedded server in this process, and the
         * driver otherwise keeps every connection a burst opened for ever ({@code src/test/sh/load.sh}:
         * 64 clients left 83 connections, 166 open descriptors, after the load).
         */
        @Bean
        MongoClientSettingsBuilderCustomizer embeddedConnectionPool() {
            return settings -> settings.applyToConnectionPoolSettings(pool -> pool
                    .maxConnectionIdleTime(10, java.util.concurrent.TimeUnit.SECONDS)
                    .maintenanceFrequency(2, java.util.concurrent.TimeUnit.SECONDS));
        }

        @Bean
        MongoConnectionDetails mongoConnectionDetails(EmbeddedMongoServer server) {
            ConnectionString connection = new ConnectionString(server.connectionString(DATABASE));
            return () -> connection;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(External.Condition.class)
    static class External {

        private static final Logger log = LoggerFactory.getLogger(External.class);
        /** How long a request waits for a joined embedded database (see {@link #joinedEmbeddedSelectionTimeout}). */
        static final java.time.Duration JOINED_SELECTION_TIMEOUT = java.time.Duration.ofSeconds(2);

        External(Environment env) {
            String uri = env.getProperty("spring.mongodb.uri", "");
            log.info("Database: external MongoDB {}", uri.isBlank() ? "(connection details from the environment)"
                    : "at " + uri.replaceAll("//[^@/]*@", "//***@"));
        }

        @Bean
        DatabaseMode databaseMode() {
            return new DatabaseMode(false);
        }

        /**
         * A server that joined another server's embedded database through its Unix socket (every host
         * of {@code MONGODB_URI} a {@code .sock} path) waits {@link #JOINED_SELECTION_TIMEOUT} rather
         * than the driver's 30 s for the database before a request fails (503, common.Outage.DATABASE):
         * that socket either answers at once or its server has stopped, there is no election to wait
         * out. A {@code serverSelectionTimeoutMS} in the URI is kept; a TCP MongoDB keeps the driver's
         * default (a replica set's election takes up to about 12 s).
         */
        @Bean
        MongoClientSettingsBuilderCustomizer joinedEmbeddedSelectionTimeout(MongoConnectionDetails details) {
            ConnectionString uri = details.getConnectionString();
            boolean joined = !uri.getHosts().isEmpty() && uri.getHosts().stream().allMatch(host -> host.endsWith(".sock"));
            if (!joined || uri.getServerSelectionTimeout() != null) {
                return settings -> { };
            }
            log.info("Database: joined through a Unix socket; a request waits at most {} s for it (serverSelectionTimeoutMS)",
                    JOINED_SELECTION_TIMEOUT.toSeconds());
            return settings -> settings.applyToClusterSettings(cluster -> cluster
                    .serverSelectionTimeout(JOINED_SELECTION_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }

        static class Condition extends EmbeddedMongoCondition {
            @Override
            public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
                return !super.matches(context, metadata);
            }
        }
    }
}
