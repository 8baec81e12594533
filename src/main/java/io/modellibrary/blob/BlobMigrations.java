package io.modellibrary.blob;

import io.modellibrary.database.DatabaseMode;
import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The blob store's start-up {@link Migration}s; their place in the list is {@link MigrationOrder}'s. */
@Configuration(proxyBeanMethods = false)
class BlobMigrations {

    @Bean
    @Order(MigrationOrder.BLOB_INDEXES)
    Migration blobIndexesMigration(BlobIndex index) {
        return Migration.of("blob-indexes", index::createIndexes);
    }

    /** The S3 store's pack indexes ({@link PackIndex#createIndexes}), which a real MongoDB needs for the sweep. */
    @Bean
    @Order(MigrationOrder.BLOB_PACK_INDEXES)
    Migration blobPackIndexesMigration(PackIndex packs) {
        return Migration.of("blob-pack-indexes", packs::createIndexes);
    }

    /** A real MongoDB only: the embedded database has no TTL monitor, and the collector sweeps anyway. */
    @Bean
    @Order(MigrationOrder.PENDING_OBJECTS_EXPIRY)
    Migration pendingObjectsExpiryMigration(PendingObjects pending, DatabaseMode database) {
        return Migration.of("pending-objects-expiry", () -> !database.embedded(), pending::createExpiryIndex);
    }
}
