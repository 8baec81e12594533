package io.modellibrary.content;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.MissingBlobException;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.ShortLeases;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.MutableClock;
import io.modellibrary.support.Users;
import io.modellibrary.versioning.Versions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Git LFS objects stored by one request and committed by a later one ({@link LfsObjects},
 * {@link StagedUpload#putStored}): the pending record keeps them from the collector until it
 * expires. Grace 0 and 300 ms leases ({@link ShortLeases}).
 */
@ShortLeases
class PendingObjectsTest {

    @Autowired
    LfsObjects lfs;
    @Autowired
    Uploads uploads;
    @Autowired
    BlobCollector collector;
    @Autowired
    BlobStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Fixtures fixtures;
    @Autowired
    RepoAccess access;
    @Autowired
    RevisionReads reads;
    @Autowired
    MutableClock clock;

    private static byte[] content() {
        return ("lfs object " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Moves the application's clock past the 300 ms leases: no test waits for them. */
    private void waitOutLeases() {
        clock.advance(Duration.ofMillis(400));
    }

    private Repo repo() {
        return fixtures.model("alice/lfs-" + UUID.randomUUID().toString().substring(0, 8)).save();
    }

    @Test
    void anObjectUploadedInOneRequestIsCommittedByALaterOne() throws Exception {
        Repo repo = repo();
        byte[] bytes = content();
        String oid = sha256(bytes);
        lfs.store(repo.getId(), oid, bytes.length, new ByteArrayInputStream(bytes));
        waitOutLeases();
        collector.collectNow(); // the upload's lease is over; the pending record holds the blob

        CommitResult result;
        try (StagedUpload upload = uploads.open()) {
            upload.putStored(RepoPath.of("weights/model.bin"), oid, bytes.length);
            result = upload.commit(repo, Versions.MAIN, Users.alice(), "Add weights", null, List.of());
        }
        assertThat(result.changed()).isTrue();
        TreeEntry file = reads.file(access.snapshot(RepoType.MODEL, repo.getName(), "main", Users.alice()),
                RepoPath.of("weights/model.bin"));
        assertThat(file.sha256()).isEqualTo(oid);
        assertThat(file.size()).isEqualTo(bytes.length);

        mongo.getCollection("pendingObjects").updateOne(eq("_id", oid), set("expires", Date.from(Instant.now().minusSeconds(1))));
        collector.collectNow(); // records the reference; the expired record no longer matters
        waitOutLeases();
        collector.collectNow();
        assertThat(store.exists(oid)).as("committed, so kept after the record expired").isTrue();
    }

    @Test
    void theCollectorLeavesAPendingObjectAlone() throws Exception {
        Repo repo = repo();
        byte[] bytes = content();
        String oid = sha256(bytes);
        lfs.store(repo.getId(), oid, bytes.length, new ByteArrayInputStream(bytes));
        waitOutLeases();

        collector.collectNow();
        collector.collectNow();

        assertThat(store.exists(oid)).isTrue();
        assertThat(lfs.alreadyThere(repo, Users.alice(), java.util.Map.of(oid, (long) bytes.length)))
                .as("stored: the batch asks for no upload").containsExactly(oid);
    }

    @Test
    void anExpiredPendingObjectIsCollected() throws Exception {
        Repo repo = repo();
        byte[] bytes = content();
        String oid = sha256(bytes);
        lfs.store(repo.getId(), oid, bytes.length, new ByteArrayInputStream(bytes));
        waitOutLeases();
        collector.collectNow(); // held: the candidate waits for the record's expiry

        mongo.getCollection("pendingObjects").updateOne(eq("_id", oid), set("expires", Date.from(Instant.now().minusSeconds(1))));
        // the candidate is due when the record expires, 24 h from now: make it due now
        mongo.getCollection("gcCandidates").updateMany(new Document("shas", oid), set("notBefore", new Date()));
        collector.collectNow();

        assertThat(store.exists(oid)).isFalse();
        assertThat(mongo.getCollection("pendingObjects").countDocuments(eq("_id", oid))).as("swept").isZero();
    }

    @Test
    void aCommitNamingAnObjectNeverUploadedIsRefusedAndCommitsNothing() throws Exception {
        Repo repo = repo();
        String missing = sha256(content());
        try (StagedUpload upload = uploads.open()) {
            upload.add(RepoPath.of("README.md"), new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
            upload.putStored(RepoPath.of("model.bin"), missing, 123);
            assertThatThrownBy(() -> upload.commit(repo, Versions.MAIN, Users.alice(), "Add", null, List.of()))
                    .isInstanceOf(MissingBlobException.class).hasMessageContaining(missing);
        }
        assertThat(access.snapshot(RepoType.MODEL, repo.getName(), "main", Users.alice()).commit()).isNull();
    }

    @Test
    void anObjectStoredWithAnotherSizeIsRefused() throws Exception {
        Repo repo = repo();
        byte[] bytes = content();
        String oid = sha256(bytes);
        lfs.store(repo.getId(), oid, bytes.length, new ByteArrayInputStream(bytes));
        assertThat(lfs.alreadyThere(repo, Users.alice(), java.util.Map.of(oid, bytes.length + 1L))).isEmpty();
        try (StagedUpload upload = uploads.open()) {
            upload.putStored(RepoPath.of("model.bin"), oid, bytes.length + 1);
            assertThatThrownBy(() -> upload.commit(repo, Versions.MAIN, Users.alice(), "Add", null, List.of()))
                    .isInstanceOf(MissingBlobException.class);
        }
    }

    @Test
    void contentThatIsNotTheAnnouncedObjectIsNotKept() throws Exception {
        Repo repo = repo();
        byte[] bytes = content();
        String wrong = sha256(content());
        assertThatThrownBy(() -> lfs.store(repo.getId(), wrong, bytes.length, new ByteArrayInputStream(bytes)))
                .isInstanceOf(io.modellibrary.blob.BlobMismatchException.class);
        assertThat(store.exists(sha256(bytes))).isFalse();
        assertThat(store.exists(wrong)).isFalse();
    }
}
