package io.modellibrary.common;

/**
 * How many items an in-memory cache may hold so that it stays within a share of the heap
 * ({@code -Xmx}, {@link Runtime#maxMemory}), never more than a fixed cap. A cache bounded only
 * by a count can outgrow a small heap: the tree cache's 2,000,000 entries take about 550 MB
 * (class histograms of the load suite, docs/decisions.md X8), more than the whole of the
 * {@code -Xmx256m} the transfer benchmarks run with.
 */
public final class HeapBudget {

    /** The least any cache gets, whatever the heap: enough for a large folder's page or a few commits. */
    static final long MIN_ITEMS = 10_000;

    private HeapBudget() {
    }

    /**
     * Items of about {@code bytesPerItem} bytes that fit in {@code share} of the heap, at most {@code cap}
     * and at least {@value #MIN_ITEMS}.
     *
     * @param share        the fraction of the maximum heap, above 0 and at most 1
     * @param bytesPerItem an item's estimated size in bytes, keys and the cache's own node included
     * @param cap          the most items whatever the heap
     */
    public static long items(double share, long bytesPerItem, long cap) {
        return items(Runtime.getRuntime().maxMemory(), share, bytesPerItem, cap);
    }

    /** {@link #items(double, long, long)} for a heap of {@code maxHeapBytes}. */
    static long items(long maxHeapBytes, double share, long bytesPerItem, long cap) {
        if (share <= 0 || share > 1 || bytesPerItem <= 0) {
            throw new IllegalArgumentException("share must be in (0, 1] and bytesPerItem positive");
        }
        long fit = (long) (maxHeapBytes * share) / bytesPerItem;
        return Math.max(MIN_ITEMS, Math.min(cap, fit));
    }
}
