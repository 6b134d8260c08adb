package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStoreContract;

class InMemoryAnalyticsStoreTest extends AnalyticsStoreContract {
    @Override
    protected AnalyticsStore newStore() {
        return new InMemoryAnalyticsStore();
    }
}
