package io.modellibrary.blob;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Inserts documents that may exist already, in one unordered {@code insertMany} (MongoDB manual,
 * {@code db.collection.insertMany()}, "ordered: false": every document is tried, and the error
 * lists each one that failed with its index): those whose {@code _id} is taken fail with the
 * duplicate key error ({@value #DUPLICATE_KEY}) and are answered, for the caller to update or to
 * leave. Cheaper than an upsert per document where most are new (bench/scale.sh).
 */
final class NewDocuments {

    /** MongoDB's duplicate key error ({@code E11000}). */
    static final int DUPLICATE_KEY = 11000;

    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

    private NewDocuments() {
    }

    /**
     * Inserts {@code toDocument} of each item; answers the items, in order, whose document's {@code _id}
     * existed already (nothing of theirs written). {@code items} must be non-empty (at most a chunk:
     * the caller splits larger lists).
     *
     * @throws MongoBulkWriteException for any other write error (the others' documents may be written)
     */
    static <T> List<T> insertAbsent(MongoCollection<Document> collection, List<T> items, Function<? super T, Document> toDocument) {
        List<T> existing = new ArrayList<>();
        try {
            collection.insertMany(items.stream().map(toDocument).toList(), UNORDERED);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(items.get(error.getIndex()));
            }
        }
        return existing;
    }
}
