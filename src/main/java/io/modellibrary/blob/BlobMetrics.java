package io.modellibrary.blob;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The blob engine's counters, on Micrometer's global registry (Spring Boot adds its registries
 * to it: {@code management.metrics.use-global-registry}, true by default), so that the write
 * path and the collector record with one atomic add and no injected registry. Scraped at
 * {@code /actuator/prometheus} on the management port (README, "Running at scale").
 */
final class BlobMetrics {

    /** Bytes of blobs written by uploads and edits (an LFS object sent in parts counts once, at its completion). */
    static final Counter UPLOADED = Counter.builder("modellibrary.upload.bytes").baseUnit("bytes")
            .description("Bytes of file content received and stored by uploads and edits")
            .register(Metrics.globalRegistry);
    /** Collector runs, with their duration. */
    static final Timer COLLECTIONS = Timer.builder("modellibrary.collection.runs")
            .description("Runs of the blob collector and how long they took")
            .register(Metrics.globalRegistry);
    /** Blobs the collector deleted. */
    static final Counter COLLECTED = Counter.builder("modellibrary.collection.removed").baseUnit("blobs")
            .description("Unused blobs the collector deleted")
            .register(Metrics.globalRegistry);

    private BlobMetrics() {
    }

    /** Records one collector run that took {@code nanos} and removed {@code removed} blobs. */
    static void collected(int removed, long nanos) {
        COLLECTIONS.record(nanos, TimeUnit.NANOSECONDS);
        COLLECTED.increment(removed);
    }
}
