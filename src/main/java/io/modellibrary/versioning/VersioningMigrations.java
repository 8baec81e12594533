package io.modellibrary.versioning;

import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The version store's start-up {@link Migration}s; their place in the list is {@link MigrationOrder}'s. */
@Configuration(proxyBeanMethods = false)
class VersioningMigrations {

    @Bean
    @Order(MigrationOrder.VERSION_INDEXES)
    Migration versionIndexesMigration(MongoTemplate mongo) {
        return Migration.of("version-indexes", () -> Versions.createIndexes(mongo));
    }

    /** Commits holding whole trees become tree documents ({@link LegacyConversion}; resumes where a killed start left it). */
    @Bean
    @Order(MigrationOrder.TREES)
    Migration treesMigration(LegacyConversion conversion) {
        return Migration.of(LegacyConversion.ID, conversion::run);
    }

    /** The prefixes of commits written before {@link CommitPrefixes} existed. */
    @Bean
    @Order(MigrationOrder.COMMIT_PREFIXES)
    Migration commitPrefixesMigration(CommitPrefixes prefixes) {
        return Migration.of("commit-prefixes", prefixes::backfill);
    }
}
