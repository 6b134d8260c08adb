package io.orderlens.analytics.segment;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;

class InMemorySegmentTest extends SegmentStoreContract {
    @Override
    protected AnalyticsStore newStore() {
        return new InMemoryAnalyticsStore();
    }
}
