package io.modellibrary.blob;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

/**
 * The lease that lets one server at a time collect blobs, among all the servers of one database:
 * the document {@code {_id: "blob-collector", owner, tenure, since, until}} in {@code leases}.
 *
 * <p>{@link #take} is one conditional update: {@code updateOne({_id, until: {$lt: now}},
 * {$set: {owner, tenure, since, until: now + ttl}}, {upsert: true})}. With no document it
 * inserts one; with an expired one it takes it over; with a live one the filter matches nothing,
 * so the upsert tries to insert a second document with the same {@code _id} and fails with a
 * duplicate key error (E11000), which means "someone else holds it" (MongoDB manual,
 * {@code db.collection.updateOne()}, "Upsert with Duplicate Values": the server retries such an
 * upsert only when the existing document matches the filter, which a live lease does not). Each
 * holding gets a new random {@code tenure}; {@link #renew} and {@link #release} match it, so a
 * holder whose lease expired and was taken over can neither extend nor drop the new holder's.
 *
 * <p>Expiry compares the servers' clocks: they must agree to well within {@link #TTL} (NTP does).
 * The holder renews it while it works ({@link #renew}, at most every {@link #RENEW_EVERY}) and
 * stops at the first renewal that fails; a server that dies holding it delays the next
 * collection by at most {@link #TTL}.
 */
@Component
class CollectorLease {

    static final String COLLECTION = "leases";
    static final String ID = "blob-collector";
    /** How long a holding lasts without renewal. */
    static final Duration TTL = Duration.ofMinutes(2);
    /** A holder renews when its last renewal is older than this. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(20);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String owner;

    CollectorLease(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This server's name in the lease document ({@code pid@host/random}), for the log. */
    String owner() {
        return owner;
    }

    /** Takes the lease if nobody holds it; answers the new tenure, or empty when another holder's lease is live. */
    Optional<String> take() {
        Instant now = clock.instant();
        String tenure = UUID.randomUUID().toString();
        try {
            leases().updateOne(and(eq("_id", ID), lt("until", Date.from(now))),
                    combine(set("owner", owner), set("tenure", tenure), set("since", Date.from(now)),
                            set("until", Date.from(now.plus(TTL)))),
                    new UpdateOptions().upsert(true));
            return Optional.of(tenure);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Extends the holding of {@code tenure} by {@link #TTL}; false when it is no longer this holder's. */
    boolean renew(String tenure) {
        Instant now = clock.instant();
        return leases().updateOne(and(eq("_id", ID), eq("tenure", tenure)), set("until", Date.from(now.plus(TTL))))
                .getMatchedCount() == 1;
    }

    /** Gives the lease up, so that another server may collect at once; nothing if it is no longer this holder's. */
    void release(String tenure) {
        leases().deleteOne(and(eq("_id", ID), eq("tenure", tenure)));
    }

    private MongoCollection<Document> leases() {
        return mongo.getCollection(COLLECTION);
    }
}
