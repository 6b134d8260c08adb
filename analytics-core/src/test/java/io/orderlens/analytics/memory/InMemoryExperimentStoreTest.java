package io.orderlens.analytics.memory;

import io.orderlens.analytics.experiment.ExperimentStoreContract;
import io.orderlens.analytics.spi.AnalyticsStore;

class InMemoryExperimentStoreTest extends ExperimentStoreContract {
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
