package io.modellibrary.blob;

import io.modellibrary.database.Lease;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * The {@link Lease} that lets one server at a time collect blobs, among all the servers of one
 * database: the document {@code {_id: "blob-collector", ...}} in {@code leases}. The collector
 * renews it while it works, at most every {@link #RENEW_EVERY}, and stops at the first renewal
 * that fails; a server that dies holding it delays the next collection by at most {@link #TTL}.
 */
@Component
class CollectorLease extends Lease {

    static final String ID = "blob-collector";
    /** How long a holding lasts without renewal. */
    static final Duration TTL = Duration.ofMinutes(2);
    /** A holder renews when its last renewal is older than this. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(20);

    CollectorLease(MongoTemplate mongo, Clock clock) {
        super(mongo, clock, ID, TTL);
    }
}
