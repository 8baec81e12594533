package io.modellibrary.transfer;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How request bodies may arrive ({@code modellibrary.body-read.*}); see {@link BodyReadValve}.
 *
 * @param maxConcurrent requests reading a body at once; one more is answered 503 with
 *                      {@code Retry-After} at once. Keep it below Tomcat's worker threads
 *                      ({@code server.tomcat.threads.max}, 200) so that requests without a
 *                      body (health, downloads, pages) always find a thread
 * @param minRate       bytes a second a body must keep up, counted over the time the server
 *                      waits for it (not while it works on what arrived)
 * @param grace         waiting time before the rate counts, for a slow start
 * @param maxPerAddress of those, held by one client address at once (its remote address, so behind a
 *                      proxy set {@code server.forward-headers-strategy}); one more from it is answered
 *                      429 with {@code Retry-After} at once, so that one client's slow bodies cannot
 *                      take every body reader from the others ({@code src/test/sh/load.sh})
 */
@Validated
@ConfigurationProperties("modellibrary.body-read")
record BodyReadProperties(
        @DefaultValue("100") @Min(1) int maxConcurrent,
        @DefaultValue("1KB") DataSize minRate,
        @DefaultValue("10s") Duration grace,
        @DefaultValue("50") @Min(1) int maxPerAddress) {
}
