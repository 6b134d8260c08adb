package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerRetentionContract;

class InMemoryLedgerRetentionTest extends LedgerRetentionContract {
    @Override
    protected AnalyticsStore newStore() {
        return new InMemoryAnalyticsStore();
    }
}
