package io.modellibrary.database;

import io.modellibrary.support.FullStackTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up migrations run in the order {@link MigrationOrder} gives, each recorded by
 * name once done, and a recorded one is skipped at the next start.
 */
@FullStackTest
class MigrationsTest {

    @Autowired
    Migrations migrations;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DatabaseMode database;

    @Test
    void theStepsRunInTheOrderOfMigrationOrder() {
        assertThat(migrations.steps()).extracting(Migration::name).containsExactly(
                "blob-indexes", "blob-pack-indexes", "pending-objects-expiry", "version-indexes", "trees-v1", "commit-prefixes",
                "account-indexes", "user-name-claims", "avatars-to-blobs", "org-indexes", "teams-to-organisations",
                "repo-names-ignoring-case", "catalog-indexes", "label-taxonomy", "demo-catalogue");
    }

    @Test
    void everyApplicableStepIsRecordedOnceDone() {
        List<String> recorded = new ArrayList<>();
        mongo.getCollection(Migrations.COLLECTION).find().forEach(d -> recorded.add(d.getString("_id")));
        assertThat(recorded).contains("blob-indexes", "blob-pack-indexes", "version-indexes", "trees-v1", "commit-prefixes", "account-indexes",
                "user-name-claims", "org-indexes", "teams-to-organisations", "repo-names-ignoring-case",
                "catalog-indexes", "label-taxonomy");
        if (database.embedded()) {
            assertThat(recorded).as("the embedded database has no TTL monitor").doesNotContain("pending-objects-expiry");
        } else {
            assertThat(recorded).contains("pending-objects-expiry");
        }
    }

    @Test
    void aRecordedStepIsSkippedAndANewOneRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        Migration counting = Migration.of("test-counting-" + System.nanoTime(), runs::incrementAndGet);
        Migration notYet = Migration.of("test-not-yet-" + System.nanoTime(), () -> false, runs::incrementAndGet);
        Migrations runner = new Migrations(mongo, List.of(counting, notYet));
        runner.afterSingletonsInstantiated();
        runner.afterSingletonsInstantiated();
        assertThat(runs).hasValue(1);
        assertThat(mongo.getCollection(Migrations.COLLECTION).find(new Document("_id", counting.name())).first()).isNotNull();
        assertThat(mongo.getCollection(Migrations.COLLECTION).find(new Document("_id", notYet.name())).first()).isNull();
        mongo.getCollection(Migrations.COLLECTION).deleteOne(new Document("_id", counting.name()));
    }
}
