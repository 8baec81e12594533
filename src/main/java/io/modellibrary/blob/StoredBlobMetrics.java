package io.modellibrary.blob;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * What the blob store holds, as gauges: {@code modellibrary.blobs.stored} (blobs) and
 * {@code modellibrary.blobs.stored.bytes}, from the blob index ({@link BlobIndex}'s
 * {@code blobs} collection: one document per blob a commit references, with its size), not
 * from the disk or the bucket. One aggregation sums them; its answer is kept
 * {@value #FRESH_SECONDS} s and then recomputed in the background while the old one is still
 * answered (Caffeine's {@code refreshAfterWrite}), so a scrape never waits for more than the
 * first one, and a server nobody scrapes never scans.
 */
@Component
class StoredBlobMetrics implements MeterBinder {

    static final int FRESH_SECONDS = 60;

    /** Blobs in the index and the sum of their sizes in bytes. */
    record Totals(long blobs, long bytes) {
    }

    private final MongoTemplate mongo;
    private final LoadingCache<String, Totals> totals = Caffeine.newBuilder()
            .refreshAfterWrite(Duration.ofSeconds(FRESH_SECONDS)).build(key -> count());

    StoredBlobMetrics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("modellibrary.blobs.stored", this, m -> m.current().blobs()).baseUnit("blobs")
                .description("Blobs in the blob index (each distinct content once)").register(registry);
        Gauge.builder("modellibrary.blobs.stored.bytes", this, m -> m.current().bytes()).baseUnit("bytes")
                .description("Bytes of the blobs in the blob index").register(registry);
    }

    /** The totals at most {@value #FRESH_SECONDS} s old. */
    Totals current() {
        return totals.get("all");
    }

    /** {@code $group} over the whole {@code blobs} collection: a count and {@code $sum} of the sizes. */
    private Totals count() {
        Document group = new Document("$group", new Document("_id", null).append("blobs", new Document("$sum", 1))
                .append("bytes", new Document("$sum", "$size")));
        Document sums = mongo.getCollection(BlobIndex.BLOBS).aggregate(List.of(group)).first();
        return sums == null ? new Totals(0, 0) : new Totals(number(sums.get("blobs")), number(sums.get("bytes")));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
