package io.modellibrary.database;

import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The start-up migrations run in the order {@link MigrationOrder} gives, each recorded by
 * name once done, and a recorded one is skipped at the next start. Servers starting together
 * on one database run each step once: one holds the migrations' lease, the others wait.
 */
@FullStackTest
class MigrationsTest {

    @Autowired
    Migrations migrations;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DatabaseMode database;

    private final List<String> names = new ArrayList<>();
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void forgetTheTestSteps() {
        mongo.getCollection(Migrations.COLLECTION).deleteMany(new Document("_id", new Document("$in", names)));
        mongo.getCollection(Lease.COLLECTION).deleteOne(new Document("_id", Migrations.LEASE));
    }

    @Test
    void theStepsRunInTheOrderOfMigrationOrder() {
        assertThat(migrations.steps()).extracting(Migration::name).containsExactly(
                "blob-indexes", "blob-pack-indexes", "pending-objects-expiry", "version-indexes", "trees-v1", "commit-prefixes",
                "account-indexes", "user-name-claims", "avatars-to-blobs", "org-indexes", "teams-to-organisations", "org-invitation-marks",
                "repo-names-ignoring-case", "catalog-indexes", "like-paging-indexes", "label-taxonomy", "demo-catalogue");
    }

    @Test
    void everyApplicableStepIsRecordedOnceDone() {
        List<String> recorded = new ArrayList<>();
        mongo.getCollection(Migrations.COLLECTION).find().forEach(d -> recorded.add(d.getString("_id")));
        assertThat(recorded).contains("blob-indexes", "blob-pack-indexes", "version-indexes", "trees-v1", "commit-prefixes", "account-indexes",
                "user-name-claims", "org-indexes", "teams-to-organisations", "org-invitation-marks", "repo-names-ignoring-case",
                "catalog-indexes", "like-paging-indexes", "label-taxonomy");
        if (database.embedded()) {
            assertThat(recorded).as("the embedded database has no TTL monitor").doesNotContain("pending-objects-expiry");
        } else {
            assertThat(recorded).contains("pending-objects-expiry");
        }
    }

    @Test
    void aRecordedStepIsSkippedAndANewOneRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        Migration counting = Migration.of(unique("test-counting"), runs::incrementAndGet);
        Migration notYet = Migration.of(unique("test-not-yet"), () -> false, runs::incrementAndGet);
        Migrations runner = new Migrations(mongo, List.of(counting, notYet), clock);
        runner.afterSingletonsInstantiated();
        runner.afterSingletonsInstantiated();
        assertThat(runs).hasValue(1);
        assertThat(recorded(counting)).isTrue();
        assertThat(recorded(notYet)).isFalse();
    }

    @Test
    void twoServersStartingTogetherRunEachStepOnceWhileTheOtherWaits() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        CountDownLatch theOtherWaits = new CountDownLatch(1);
        Migration slow = Migration.of(unique("test-slow"), () -> {
            first.incrementAndGet();
            awaitLatch(theOtherWaits); // holds the lease until the other server has found it held
        });
        Migration next = Migration.of(unique("test-next"), second::incrementAndGet);
        Migrations.Pause countingWait = d -> {
            theOtherWaits.countDown();
            Migrations.Waiting.standard().pause().pause(d);
        };
        Migrations.Waiting waiting = new Migrations.Waiting(Duration.ofMillis(5), Duration.ofMinutes(1), Duration.ofHours(1),
                Migrations.RENEW_EVERY, countingWait);
        Migrations one = new Migrations(mongo, List.of(slow, next), clock, waiting);
        Migrations other = new Migrations(mongo, List.of(slow, next), clock, waiting);

        CompletableFuture.allOf(CompletableFuture.runAsync(one::afterSingletonsInstantiated),
                CompletableFuture.runAsync(other::afterSingletonsInstantiated)).get(2, TimeUnit.MINUTES);

        assertThat(first).as("the first step's effect").hasValue(1);
        assertThat(second).as("the second step's effect").hasValue(1);
        assertThat(recorded(slow)).isTrue();
        assertThat(recorded(next)).isTrue();
        assertThat(leaseDocument()).as("released by its holder").isNull();
    }

    @Test
    void aServerThatDiedHoldingTheLeaseIsTakenOverOnceItRunsOut() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        Migration step = Migration.of(unique("test-after-a-crash"), runs::incrementAndGet);
        heldByAnotherServer();
        Migrations.Pause deadServer = d -> {
            assertThat(runs).as("nothing runs while the lease is live").hasValue(0);
            waits.incrementAndGet();
            clock.advance(Migrations.TTL.plusSeconds(1)); // the holder died: its lease runs out unrenewed
        };
        Migrations runner = new Migrations(mongo, List.of(step), clock, new Migrations.Waiting(Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofHours(1), Migrations.RENEW_EVERY, deadServer));

        runner.afterSingletonsInstantiated();

        assertThat(waits).as("waited once, then took the lease over").hasValue(1);
        assertThat(runs).hasValue(1);
        assertThat(recorded(step)).isTrue();
        assertThat(leaseDocument()).isNull();
    }

    @Test
    void aLongStepKeepsTheLeaseBeyondItsTimeToLive() {
        Lease anotherServer = new Lease(mongo, clock, Migrations.LEASE, Migrations.TTL);
        AtomicInteger taken = new AtomicInteger();
        Migration longStep = Migration.of(unique("test-long"), () -> {
            clock.advance(Migrations.TTL.plusSeconds(1)); // the step outlasts the lease's first holding
            await().atMost(Duration.ofMinutes(1)).until(() -> leaseDocument().getDate("until").toInstant().isAfter(clock.instant()));
            anotherServer.take().ifPresent(t -> taken.incrementAndGet());
        });
        Migrations runner = new Migrations(mongo, List.of(longStep), clock, new Migrations.Waiting(Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMillis(10), d -> {
                }));

        runner.afterSingletonsInstantiated();

        assertThat(taken).as("another server could not take the renewed lease").hasValue(0);
        assertThat(recorded(longStep)).isTrue();
    }

    @Test
    void aServerGivesUpWaitingAfterItsBoundWithAnError() {
        AtomicInteger runs = new AtomicInteger();
        Migration step = Migration.of(unique("test-never-free"), runs::incrementAndGet);
        heldByAnotherServer();
        Migrations.Pause liveHolder = d -> {
            clock.advance(Duration.ofMinutes(20));
            heldByAnotherServer(); // the other server renews its lease all along
        };
        Migrations runner = new Migrations(mongo, List.of(step), clock, new Migrations.Waiting(Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofHours(1), Migrations.RENEW_EVERY, liveHolder));

        assertThatThrownBy(runner::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another-server").hasMessageContaining("start-up migrations");
        assertThat(runs).hasValue(0);
        assertThat(recorded(step)).isFalse();
    }

    private String unique(String prefix) {
        String name = prefix + "-" + System.nanoTime();
        names.add(name);
        return name;
    }

    /** The lease of a live server: the document its {@link Lease#take} or renewal writes. */
    private void heldByAnotherServer() {
        Instant now = clock.instant();
        mongo.getCollection(Lease.COLLECTION).replaceOne(new Document("_id", Migrations.LEASE),
                new Document("_id", Migrations.LEASE).append("owner", "another-server").append("tenure", "theirs")
                        .append("since", Date.from(now)).append("until", Date.from(now.plus(Migrations.TTL))),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    private Document leaseDocument() {
        return mongo.getCollection(Lease.COLLECTION).find(new Document("_id", Migrations.LEASE)).first();
    }

    private boolean recorded(Migration step) {
        return mongo.getCollection(Migrations.COLLECTION).find(new Document("_id", step.name())).first() != null;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).as("the other server waited").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
