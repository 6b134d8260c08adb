package io.orderlens.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContributionsSpreadTest {
    @Test
    void denseIdsSpreadOverAnOrdersTableInsteadOfFillingOneRun() {
        // 10,000 stock-code-like ids: their string hashes span a range barely larger than their number
        int capacity = 1 << 15;
        boolean[] taken = new boolean[capacity];
        for (int id = 20_000; id < 30_000; id++) {
            int i = Contributions.spread(Integer.toString(id).hashCode()) & (capacity - 1);
            while (taken[i]) {
                i = (i + 1) & (capacity - 1);
            }
            taken[i] = true;
        }
        int longest = 0;
        int run = 0;
        for (boolean t : taken) {
            run = t ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(longest).isLessThan(64);
    }
}
