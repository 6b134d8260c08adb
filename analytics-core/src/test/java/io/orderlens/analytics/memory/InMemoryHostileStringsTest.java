package io.orderlens.analytics.memory;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.testing.HostileStringsContract;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;

class InMemoryHostileStringsTest extends HostileStringsContract {
    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private final Analytics analytics =
            Analytics.builder().store(store).zone(ZoneOffset.UTC).build();

    @Override
    protected Analytics analytics() {
        return analytics;
    }

    @Override
    protected AnalyticsStore store() {
        return store;
    }

    @AfterEach
    void close() {
        analytics.close();
    }
}
