package io.modellibrary.common;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How much of a shared, bounded resource each key (a client address) holds, at most
 * {@code max} at once, so that one client cannot take all of it from the others (body
 * readers, password checks: {@code src/test/sh/load.sh}). Keys holding nothing are
 * forgotten, so the map never outgrows what is in use. Thread-safe.
 */
public final class PerKeyLimit {

    private final int max;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    /** @param max what one key may hold at once (at least 1) */
    public PerKeyLimit(int max) {
        this.max = Math.max(1, max);
    }

    /** Takes one for {@code key}; false, taking nothing, when it holds {@code max} already. */
    public boolean tryAcquire(String key) {
        boolean[] taken = {false};
        held.compute(key, (k, now) -> {
            int count = now == null ? 0 : now;
            if (count >= max) {
                return now;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    /** Gives back one that {@link #tryAcquire} took for {@code key}. */
    public void release(String key) {
        held.computeIfPresent(key, (k, now) -> now <= 1 ? null : now - 1);
    }
}
