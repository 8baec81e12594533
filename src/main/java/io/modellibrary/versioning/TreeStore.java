package io.modellibrary.versioning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.HeapBudget;
import com.mongodb.bulk.BulkWriteError;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * Tree documents by id. They are immutable, so they are cached, by number of entries: an eighth of
 * the heap at about {@value #ENTRY_BYTES} bytes an entry, at most {@value #MAX_CACHED_ENTRIES} ({@link HeapBudget});
 * a write inserts only documents that are new and ignores those another commit already
 * wrote (same content, same id).
 */
@Component
class TreeStore {

    private static final int DUPLICATE_KEY = 11000;
    /** A cached entry's size: its name, a 64-hex id, a 40-hex commit id and the objects around them (class histograms). */
    static final long ENTRY_BYTES = 280;
    static final long MAX_CACHED_ENTRIES = 2_000_000;

    private final MongoTemplate mongo;
    private final Cache<String, TreeDoc> cache = Caffeine.newBuilder()
            .maximumWeight(HeapBudget.items(1.0 / 8, ENTRY_BYTES, MAX_CACHED_ENTRIES))
            .<String, TreeDoc>weigher((id, doc) -> 1 + (doc.paged() ? doc.pages().size() : doc.entries().size()))
            .build();

    TreeStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The tree with this id.
     *
     * @throws IllegalStateException when it is missing (a commit names only trees written before it)
     */
    TreeDoc get(String id) {
        return cache.get(id, key -> {
            TreeDoc doc = mongo.findById(key, TreeDoc.class);
            if (doc == null) {
                throw new IllegalStateException("tree " + key + " is missing");
            }
            return doc;
        });
    }

    /** Inserts the documents, skipping those that exist already. */
    /**
     * Tree pages inserted per request. A page holds up to a folder page's entries (about 100 KB),
     * and the embedded database decodes a whole request into maps several times its size: 500
     * pages a request ran a 100,000-file upload out of heap at {@code -Xmx256m} (bench/hub.sh).
     */
    static final int INSERT_BATCH = 16;

    void insertAll(Collection<TreeDoc> docs) {
        List<TreeDoc> list = List.copyOf(docs);
        for (int from = 0; from < list.size(); from += INSERT_BATCH) {
            List<TreeDoc> chunk = list.subList(from, Math.min(list.size(), from + INSERT_BATCH));
            try {
                mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TreeDoc.class).insert(chunk).execute();
            } catch (BulkOperationException e) {
                for (BulkWriteError error : e.getErrors()) {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        }
        list.forEach(doc -> cache.put(doc.id(), doc));
    }

    /** Forgets cached trees (a repository's trees were deleted). */
    void invalidateAll(Collection<String> ids) {
        cache.invalidateAll(ids);
    }

}
