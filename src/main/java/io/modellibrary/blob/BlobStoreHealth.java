package io.modellibrary.blob;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The S3 blob store's part of {@code /actuator/health} (component {@code blobStore}, only with
 * {@code modellibrary.blobs.store=s3}): DOWN when the bucket cannot be reached ({@link S3BlobStore#ping},
 * one HEAD of the bucket), which turns the whole health DOWN (503), so a load balancer that
 * probes it stops sending traffic to a server that could serve no file, and sends it again once S3
 * answers. The answer is kept for {@link #FRESH}: a probe every second costs S3 one request every
 * 10 s at most, and a health request waits for S3 (at most the SDK's connect timeout) only when the
 * kept answer is older. The disk store has no indicator of its own: Spring Boot's disk space one covers it.
 */
class BlobStoreHealth implements HealthIndicator {

    /** How long one answer of S3 is reported before it is asked again. */
    static final Duration FRESH = Duration.ofSeconds(10);

    private final S3BlobStore store;
    private final Clock clock;
    private Health last;
    private Instant asked = Instant.EPOCH;

    BlobStoreHealth(S3BlobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(asked.plus(FRESH))) {
            last = ask();
            asked = now;
        }
        return last;
    }

    private Health ask() {
        try {
            store.ping();
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
