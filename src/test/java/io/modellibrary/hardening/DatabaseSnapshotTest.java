package io.modellibrary.hardening;

import io.modellibrary.support.FullStackTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compare-and-set on a branch head relies on: a document read while another request
 * updates it is the document before or after the update, never half of each. (The embedded
 * server once answered reads with the very document an update was changing in place: a reader
 * could see the old head with the new version, and a commit built on it then moved the head
 * over an acknowledged commit, which vanished from history.)
 */
@FullStackTest // its own collection in the shared database: nothing else reads it
class DatabaseSnapshotTest {

    private static final String COLLECTION = "hardening_snapshots";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aDocumentReadDuringUpdatesIsAlwaysOneWholeVersionAndEveryCompareAndSetWinsOnce() throws Exception {
        String id = "doc-" + System.nanoTime();
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", id).append("head", "h0").append("pad", "x").append("version", 0L));
        int writers = 4;
        int readers = 4;
        long until = System.nanoTime() + 4_000_000_000L;
        AtomicInteger torn = new AtomicInteger();
        List<String> tornExamples = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<Long> won = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicateWins = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < until) {
                    Document seen = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
                    long version = seen.getLong("version");
                    if (!seen.getString("head").equals("h" + version)) {
                        torn.incrementAndGet();
                        tornExamples.add(seen.toJson());
                        continue;
                    }
                    long modified = mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("version").is(version)),
                            new Update().set("head", "h" + (version + 1)).inc("version", 1), COLLECTION).getModifiedCount();
                    if (modified == 1 && !won.add(version)) {
                        duplicateWins.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (int r = 0; r < readers; r++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < until) {
                    Document seen = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
                    if (!seen.getString("head").equals("h" + seen.getLong("version"))) {
                        torn.incrementAndGet();
                        tornExamples.add(seen.toJson());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        Document last = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
        assertThat(torn.get()).as("reads that saw half an update, e.g. %s", tornExamples.stream().limit(3).toList()).isZero();
        assertThat(duplicateWins.get()).as("two compare-and-sets won from the same version").isZero();
        assertThat(last.getLong("version")).as("one version per winning compare-and-set").isEqualTo(won.size());
        assertThat(last.getString("head")).isEqualTo("h" + last.getLong("version"));
    }
}
