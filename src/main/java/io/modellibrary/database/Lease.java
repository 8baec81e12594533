package io.modellibrary.database;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

/**
 * A lease that lets one server at a time do one job, among all the servers of one database:
 * the document {@code {_id: <job>, owner, tenure, since, until}} in {@code leases}. The blob
 * collector ({@code blob.CollectorLease}) and the start-up {@link Migrations} each hold one.
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
 * <p>Expiry compares the servers' clocks (the application's {@link Clock}): they must agree to
 * well within the lease's time to live (NTP does). The holder renews it while it works; a server
 * that dies holding it delays the job by at most the time to live.
 */
public class Lease {

    /** The collection of every lease, one document per job. */
    public static final String COLLECTION = "leases";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String id;
    private final Duration ttl;
    private final String owner;

    /**
     * The lease on the job {@code id} (its document's {@code _id}), each holding lasting
     * {@code ttl} unless renewed, taken under the time of {@code clock}.
     */
    public Lease(MongoTemplate mongo, Clock clock, String id, Duration ttl) {
        this.mongo = mongo;
        this.clock = clock;
        this.id = id;
        this.ttl = ttl;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This holder's name in the lease document ({@code pid@host/random}), for the log. */
    public String owner() {
        return owner;
    }

    /** How long a holding lasts without renewal. */
    public Duration ttl() {
        return ttl;
    }

    /** Takes the lease if nobody holds it; answers the new tenure, or empty when another holder's lease is live. */
    public Optional<String> take() {
        Instant now = clock.instant();
        String tenure = UUID.randomUUID().toString();
        try {
            leases().updateOne(and(eq("_id", id), lt("until", Date.from(now))),
                    combine(set("owner", owner), set("tenure", tenure), set("since", Date.from(now)),
                            set("until", Date.from(now.plus(ttl)))),
                    new UpdateOptions().upsert(true));
            return Optional.of(tenure);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The owner of the live holding, for the log; empty when nobody holds the lease now. */
    public Optional<String> holder() {
        Document live = leases().find(and(eq("_id", id), gte("until", Date.from(clock.instant())))).first();
        return Optional.ofNullable(live).map(d -> String.valueOf(d.get("owner")));
    }

    /** Extends the holding of {@code tenure} by the time to live; false when it is no longer this holder's. */
    public boolean renew(String tenure) {
        Instant now = clock.instant();
        return leases().updateOne(and(eq("_id", id), eq("tenure", tenure)), set("until", Date.from(now.plus(ttl))))
                .getMatchedCount() == 1;
    }

    /** Gives the lease up, so that another server may take it at once; nothing if it is no longer this holder's. */
    public void release(String tenure) {
        leases().deleteOne(and(eq("_id", id), eq("tenure", tenure)));
    }

    private MongoCollection<Document> leases() {
        return mongo.getCollection(COLLECTION);
    }
}
