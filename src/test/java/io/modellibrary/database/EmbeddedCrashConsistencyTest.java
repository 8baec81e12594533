package io.modellibrary.database;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15, the crash suite's duplicate key: what a {@code kill -9} leaves in the embedded
 * database's file is the state between whole write commands, and a file an earlier version
 * left torn (a document stored without its {@code _id} index entry) works again after the
 * restart.
 */
class EmbeddedCrashConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void aBlobDocumentACrashLeftWithoutItsIndexEntryIsFoundAndInsertedAsADuplicateAfterTheRestart() {
        Path file = dir.resolve("data").resolve("mongo.mv");
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(file, 16); MongoClient client = client(server)) {
            blobs(client).insertMany(List.of(blob("aaa"), blob("bbb"), blob("ccc")));
        }
        // the file an earlier version's commit in the middle of an insert of "bbb" and of a deletion of "ccc" left
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            store.removeMap(IdIndexRepair.DONE_MAP);
            MVMap<Object, Object> index = store.openMap("modellibrary.blobs._index__id_");
            index.entrySet().stream().filter(e -> e.getValue().equals("bbb")).map(Map.Entry::getKey).toList().forEach(index::remove);
            store.openMap("databases.modellibrary.blobs").remove("ccc");
        }

        try (EmbeddedMongoServer server = new EmbeddedMongoServer(file, 16); MongoClient client = client(server)) {
            MongoCollection<Document> blobs = blobs(client);
            assertThat(blobs.find(eq("_id", "bbb")).first()).as("found by _id").isNotNull();
            // BlobIndex.referenceAll's insert: the one it has is an ordinary duplicate key, the new one goes in
            assertThatThrownBy(() -> blobs.insertMany(List.of(blob("bbb"), blob("ddd")), new InsertManyOptions().ordered(false)))
                    .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                        assertThat(e.getWriteErrors()).hasSize(1);
                        assertThat(e.getWriteErrors().get(0).getCode()).isEqualTo(11000);
                        assertThat(e.getWriteErrors().get(0).getIndex()).isZero();
                    });
            blobs.insertOne(blob("ccc"));
            assertThat(blobs.countDocuments()).isEqualTo(4);
        }
    }

    @Test
    void aCommitWaitsForTheWriteCommandInProgressSoTheFileNeverHoldsHalfOfIt() throws Exception {
        Path file = dir.resolve("half.mv");
        MVStore store = EmbeddedMongoServer.openStore(file, 16);
        SnapshotH2Backend backend = SnapshotH2Backend.open(store);
        MVMap<String, String> documents = store.openMap("documents");
        MVMap<String, String> index = store.openMap("index");
        CompletableFuture<Void> commit = backend.whileWriting(() -> {
            documents.put("bbb", "a blob");
            CompletableFuture<Void> another = CompletableFuture.runAsync(backend::commit);
            await().until(backend::commitWaiting);
            index.put("bbb", "its index entry");
            return another;
        });
        commit.get();
        store.closeImmediately(); // kill -9

        try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(reopened.<String, String>openMap("documents")).containsKey("bbb");
            assertThat(reopened.<String, String>openMap("index")).containsKey("bbb");
        }
    }

    @Test
    void theStoreWritesNothingOnItsOwn() {
        Path file = dir.resolve("quiet.mv");
        MVStore store = EmbeddedMongoServer.openStore(file, 16);
        assertThat(store.getAutoCommitDelay()).as("no background writer").isZero();
        assertThat(store.getAutoCommitMemory()).as("no write buffer that commits when full").isZero();
        MVMap<Integer, String> map = store.openMap("documents");
        for (int i = 0; i < 20_000; i++) {
            map.put(i, "x".repeat(200)); // 4 MB: four times H2's default write buffer
        }
        store.closeImmediately();

        try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(reopened.hasMap("documents") ? reopened.openMap("documents").size() : 0).isZero();
        }
    }

    @Test
    void sparseChunksAreRewrittenWithoutH2sBackgroundWriter() {
        MVStore store = EmbeddedMongoServer.openStore(dir.resolve("sparse.mv"), 16);
        store.setRetentionTime(0); // H2 rewrites and frees only chunks older than this (45 s by default): not waited out here
        SnapshotH2Backend backend = SnapshotH2Backend.open(store);
        MVMap<String, String> map = store.openMap("blobs");
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 5_000; i++) { // random keys, as sha256 ids are: every round touches every page
                map.put(Integer.toHexString(i * 7919) + "-key", "round " + round + " " + "x".repeat(400));
            }
            backend.commit();
        }
        int before = store.getFileStore().getChunksFillRate();
        assertThat(before).as("live share of the chunks").isLessThan(20);

        for (int pass = 0; pass < 20 && store.getFileStore().getChunksFillRate() < 50; pass++) {
            backend.rewriteSparseChunks(50, 8 << 20);
            map.put("traffic", "write " + pass); // later writes' commits free the chunks the rewrite emptied
            backend.commit();
        }

        // rewriting stops at the 50% target; it got there from under a fifth
        assertThat(store.getFileStore().getChunksFillRate()).as("live share of the chunks, from " + before + "%").isGreaterThanOrEqualTo(45);
        assertThat(map.get(Integer.toHexString(3 * 7919) + "-key")).startsWith("round 7 ");
        store.close();
    }

    private static MongoClient client(EmbeddedMongoServer server) {
        return MongoClients.create(server.connectionString("modellibrary"));
    }

    private static MongoCollection<Document> blobs(MongoClient client) {
        return client.getDatabase("modellibrary").getCollection("blobs");
    }

    private static Document blob(String sha256) {
        return new Document("_id", sha256).append("size", 7L).append("repos", List.of("r1"));
    }
}
