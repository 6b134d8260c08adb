package io.orderlens.analytics.memory;

import io.orderlens.analytics.flag.FlagStatisticsContract;
import io.orderlens.analytics.spi.AnalyticsStore;

class InMemoryFlagStatisticsTest extends FlagStatisticsContract {
    @Override
    protected AnalyticsStore newStore() {
        return new InMemoryAnalyticsStore();
    }

    /** The same in-memory store: instances of a host in one JVM share it. */
    @Override
    protected AnalyticsStore sameStoreAgain() {
        return store;
    }
}
