package io.modellibrary.blob;

import io.modellibrary.support.ShortLeases;
import io.modellibrary.support.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The collector never removes what is used or held, and removes what a crash left behind:
 * the grace period is 0 and leases last 300 ms here, so tests wait them out.
 */
@ShortLeases
class CollectionTest {

    @Autowired
    BlobCollector collector;
    @Autowired
    MutableClock clock;
    @Autowired
    BlobIndex index;
    @Autowired
    DiskBlobStore store;
    @Autowired
    MongoTemplate mongo;

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores the text as an upload that ended without a commit would (its blob listed for the collector); its sha256. */
    private String storedByAnUploadThatEnded(String text) throws java.io.IOException {
        try (BlobWriter writer = collector.writer()) {
            String sha = writer.store(bytes(text), 100).sha256();
            writer.flush();
            return sha;
        }
    }

    /** Moves the clock past the leases of the writers so far (300 ms here), as time would. */
    private void waitOutLeases() {
        clock.advance(Duration.ofMillis(400));
    }

    /**
     * A crash between the two steps of recording a commit's references (the insert of new blobs'
     * documents, the update of the existing ones), then the restarted collector recording the same
     * candidate again over 1,200 blobs (two insert batches), 600 of which another repository uses.
     */
    @Test
    void recordingReferencesAgainOverBlobsIndexedAlreadyKeepsEveryUserOnce() {
        String run = java.util.UUID.randomUUID().toString();
        Map<String, Long> all = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 1200; i++) {
            all.put(run + "-" + i, 10L + i);
        }
        Map<String, Long> firstHalf = new java.util.LinkedHashMap<>();
        all.keySet().stream().limit(600).forEach(sha -> firstHalf.put(sha, all.get(sha)));
        index.referenceAll("other-" + run, firstHalf);

        index.referenceAll("crashed-" + run, all);
        index.referenceAll("crashed-" + run, all);

        Map<String, Document> docs = index.find(all.keySet());
        assertThat(docs).hasSize(1200);
        assertThat(docs.values()).allSatisfy(d -> assertThat(d.getList("repos", String.class))
                .containsOnlyOnce("crashed-" + run).hasSize(firstHalf.containsKey(d.getString("_id")) ? 2 : 1));
        assertThat(docs.get(run + "-7").get("size", Number.class).longValue()).isEqualTo(17L);
        assertThat(docs.get(run + "-1100").get("size", Number.class).longValue()).isEqualTo(1110L);
    }

    /**
     * The second upload's batch holds the blob for 300 ms of the context's clock, which runs with
     * real time: the clock stands still from that listing to the collection, as a loaded machine
     * could outlast the hold between two statements (CI saw the blob collected once, the test
     * 0.9 s long; an upload that really stalls past its hold is refused instead:
     * {@link #aWriterPastItsHoldWhoseBlobWasCollectedFailsBeforeItsCommit}).
     */
    @Test
    void aBlobHeldByAnUploadInProgressSurvivesACollection() throws Exception {
        String sha;
        try (BlobWriter first = collector.writer()) {
            sha = first.store(bytes("held by two uploads"), 100).sha256();
            first.flush();
            waitOutLeases();
            index.unreference("some-deleted-repo", List.of(sha)); // a deletion lists it as a candidate, due now
            try (BlobWriter second = collector.writer(); MutableClock.Stopped stopped = clock.stop()) {
                second.store(bytes("held by two uploads"), 100);
                second.flush(); // the blob exists: the second upload leases it
                collector.collectNow();
                assertThat(store.exists(sha)).as(() -> "held by the second upload; " + whatTheCollectorSaw(sha)).isTrue();
            }
        }
        waitOutLeases(); // both uploads ended without a commit
        collector.collectNow();
        assertThat(store.exists(sha)).as("collected once nothing holds it").isFalse();
    }

    /** The clock, the blob's candidates (held until {@code notBefore}), document and claim: what a collection judged the blob by. */
    private String whatTheCollectorSaw(String sha) {
        List<String> candidates = new java.util.ArrayList<>();
        mongo.getCollection(BlobIndex.CANDIDATES).find(new Document("shas", sha)).forEach(d -> candidates.add(d.get("_id")
                + " notBefore " + d.getDate("notBefore").toInstant() + " repo " + d.get("repo") + " dropped " + d.get("dropped")));
        return "blob " + sha + " at " + clock.instant() + ": candidates " + candidates + ", document " + index.find(sha)
                + ", claim " + index.claimTenure(sha).orElse("none");
    }

    @Test
    void aBlobStillReferencedIsNeverRemoved() throws Exception {
        String sha;
        try (BlobWriter writer = collector.writer()) {
            sha = writer.store(bytes("referenced"), 100).sha256();
            writer.flush();
            writer.reference("repo-a");
            writer.confirm(); // the commit landed
        }
        collector.collectNow(); // records the reference
        index.unreference("repo-b", List.of(sha));
        waitOutLeases();
        collector.collectNow();
        assertThat(store.exists(sha)).isTrue();
        assertThat(index.find(sha).getList("repos", String.class)).containsExactly("repo-a");

        index.unreference("repo-a", List.of(sha));
        collector.collectNow();
        assertThat(store.exists(sha)).isFalse();
        assertThat(index.isIndexed(sha)).isFalse();
    }

    @Test
    void aCommitThatFailsLeavesNoReferenceEvenWhenACollectionRanMeanwhile() throws Exception {
        String sha;
        try (BlobWriter writer = collector.writer()) {
            sha = writer.store(bytes("refused with 409"), 100).sha256();
            writer.flush();
            writer.reference("repo-a"); // the commit is under way...
            collector.collectNow();     // ...while a collection runs: it must not record the reference yet
            writer.unreference();       // the commit failed
        }
        waitOutLeases();
        collector.collectNow();
        assertThat(store.exists(sha)).as("the blob no commit uses").isFalse();
        assertThat(index.isIndexed(sha)).isFalse();
    }

    @Test
    void aCommitSlowerThanItsLeaseThatFailsLeavesNoReference() throws Exception {
        String sha;
        try (BlobWriter writer = collector.writer()) {
            sha = writer.store(bytes("refused with 409 after a long wait"), 100).sha256();
            writer.flush();
            writer.reference("repo-a"); // the commit waits for a busy database...
            waitOutLeases();            // ...longer than the lease...
            collector.collectNow();     // ...while collections run: the writer is alive, its mark not confirmed
            assertThat(index.isIndexed(sha)).as("no reference recorded for a commit still under way").isFalse();
            writer.unreference();       // then the head had moved: 409
        }
        collector.collectNow();
        assertThat(store.exists(sha)).as("the blob no commit uses").isFalse();
        assertThat(index.isIndexed(sha)).isFalse();
    }

    @Test
    void aCommitInterruptedBeforeItsConfirmationKeepsItsBlobs() throws Exception {
        BlobWriter dying = collector.writer();
        String sha = dying.store(bytes("committed, then the process died"), 100).sha256();
        dying.flush();
        dying.reference("repo-a"); // the head may have moved; nobody confirms
        waitOutLeases();
        collector.collectNow();
        assertThat(store.exists(sha)).as("held while its writer may still confirm").isTrue();

        // The process died: the mark was made before this one started (a restart).
        mongo.getCollection(BlobIndex.CANDIDATES).updateMany(new Document("shas", sha),
                new Document("$set", new Document("markedAt", Date.from(Instant.now().minusSeconds(3600)))));
        collector.collectNow();
        assertThat(store.exists(sha)).as("kept: the commit may have landed").isTrue();
        assertThat(index.find(sha).getList("repos", String.class)).containsExactly("repo-a");
    }

    @Test
    void blobsOfAnUploadKilledBeforeItsCommitAreReclaimedAfterTheGracePeriod() throws Exception {
        BlobWriter dying = collector.writer();
        String sha = dying.store(bytes("never committed"), 100).sha256();
        dying.flush(); // published, listed; then the process "dies": no commit, no close
        assertThat(store.exists(sha)).isTrue();

        waitOutLeases();
        collector.collectNow();

        assertThat(store.exists(sha)).isFalse();
    }

    /**
     * A writer stalled past its hold (here: waiting for a claim on its blob) while the collector
     * took its listed, not yet published batch for a dead writer's and removed it (the file
     * absent, nothing to delete): the blob it then publishes is listed again, so an upload that
     * ends without a commit (a refusal with 409) leaves nothing behind (RaceSuiteTest, under load).
     */
    @Test
    void aBlobPublishedAfterTheCollectorRemovedItsBatchIsStillCollected() throws Exception {
        BlobWriter writer = collector.writer();
        String sha = writer.store(bytes("published after its hold ran out " + System.nanoTime()), 100).sha256();
        mongo.getCollection(BlobIndex.CLAIMS).insertOne(new Document("_id", sha).append("at", new Date())
                .append("tenure", "a-run-that-died")); // the flush waits for it after listing its batch
        CompletableFuture<Void> flushing = CompletableFuture.runAsync(() -> {
            try {
                writer.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await().atMost(Duration.ofMinutes(1)).until(() -> listed(sha) || index.claimTenure(sha).isEmpty());
        waitOutLeases();
        collector.collectNow(); // the batch is due: no file yet, the stale claim released, the batch removed
        flushing.get(1, TimeUnit.MINUTES);
        writer.close(); // no commit
        assertThat(writer.stored()).as("published").containsKey(sha);

        waitOutLeases();
        collector.collectNow();

        assertThat(store.exists(sha)).as("listed again by its writer, so collected").isFalse();
    }

    /** A writer stalled past its hold whose published blob the collector deleted fails its commit's mark instead of committing a missing blob. */
    @Test
    void aWriterPastItsHoldWhoseBlobWasCollectedFailsBeforeItsCommit() throws Exception {
        try (BlobWriter writer = collector.writer()) {
            String sha = writer.store(bytes("collected before its commit " + System.nanoTime()), 100).sha256();
            writer.flush();
            waitOutLeases(); // the writer stalls past its hold: its blob looks like a dead writer's
            collector.collectNow();
            assertThat(store.exists(sha)).isFalse();

            assertThatThrownBy(() -> writer.reference("repo-late")).isInstanceOf(HoldLostException.class)
                    .hasMessageContaining("send it again");
            assertThat(mongo.getCollection(BlobIndex.CANDIDATES).countDocuments(new Document("shas", sha)
                    .append("repo", new Document("$ne", null)))).as("no commit's mark left on it").isZero();
        }
    }

    private boolean listed(String sha) {
        return mongo.getCollection(BlobIndex.CANDIDATES).countDocuments(new Document("shas", sha)) > 0;
    }

    @Test
    void whileAnotherServerHoldsTheCollectorsLeaseThisOneRemovesNothingUntilItExpires() throws Exception {
        String sha = storedByAnUploadThatEnded("unused while another server collects");
        waitOutLeases();
        Instant now = clock.instant();
        mongo.getCollection(CollectorLease.COLLECTION).insertOne(new Document("_id", CollectorLease.ID).append("owner", "another-server")
                .append("tenure", "theirs").append("since", Date.from(now)).append("until", Date.from(now.plus(CollectorLease.TTL))));
        try {
            assertThat(collector.collectNow()).isZero();
            assertThat(store.exists(sha)).as("left to the lease's holder").isTrue();

            clock.advance(CollectorLease.TTL.plusSeconds(1)); // the other server died without releasing it
            collector.collectNow();
            assertThat(store.exists(sha)).isFalse();
            assertThat(mongo.getCollection(CollectorLease.COLLECTION).countDocuments()).as("released after the run").isZero();
        } finally {
            mongo.getCollection(CollectorLease.COLLECTION).deleteMany(new Document());
        }
    }

    @Test
    void aCollectionKilledAfterItsClaimIsFinishedByTheNext() throws Exception {
        String sha = storedByAnUploadThatEnded("claimed by a collection that died");
        // A collection run that died (on this server or another) claimed the blob, deleted nothing yet.
        mongo.getCollection(BlobIndex.CLAIMS).insertOne(new Document("_id", sha).append("at", Date.from(Instant.now().minusSeconds(3600)))
                .append("tenure", "a-run-that-died"));
        waitOutLeases();

        collector.collectNow();

        assertThat(store.exists(sha)).isFalse();
        assertThat(index.claimed(List.of(sha))).isEmpty();
        try (BlobWriter again = collector.writer()) {
            again.store(bytes("claimed by a collection that died"), 100);
            again.flush();
        }
        assertThat(store.exists(sha)).as("the same content stored again after the collection").isTrue();
    }

    @Test
    void aFileWithoutAnyIndexEntryIsReclaimedOnceListed() throws Exception {
        BlobStore.Staged staged = store.stage(bytes("left by a crash between publish and record"), 100);
        store.publish(List.of(staged));
        index.writeCandidate("orphans:test", Map.of(staged.sha256(), -1L), Instant.now());

        collector.collectNow();

        assertThat(store.exists(staged.sha256())).isFalse();
        assertThat(Files.exists(Path.of(store.path(staged.sha256()).toString()))).isFalse();
    }
}
