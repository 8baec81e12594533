package io.modellibrary.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cache's share of the heap: what fits, never more than the cap, never less than the floor. */
class HeapBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aSmallHeapGetsWhatFitsInItsShare() {
        // -Xmx256m: an eighth is 32 MiB, about 119,800 entries of 280 bytes, not the 2,000,000 of the cap
        assertThat(HeapBudget.items(256 * MB, 1.0 / 8, 280, 2_000_000)).isEqualTo(32 * MB / 280);
    }

    @Test
    void aLargeHeapStopsAtTheCapAndATinyOneAtTheFloor() {
        assertThat(HeapBudget.items(8192 * MB, 1.0 / 8, 280, 2_000_000)).isEqualTo(2_000_000);
        assertThat(HeapBudget.items(16 * MB, 1.0 / 32, 230, 200_000)).isEqualTo(HeapBudget.MIN_ITEMS);
    }

    @Test
    void aShareOutsideTheHeapIsRefused() {
        assertThatThrownBy(() -> HeapBudget.items(256 * MB, 0, 280, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeapBudget.items(256 * MB, 1.5, 280, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
