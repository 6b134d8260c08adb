package io.orderlens.analytics.mongo;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.testing.HostileStringsContract;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoHostileStringsTest extends HostileStringsContract {
    @RegisterExtension
    static final MongoFixture MONGO = new MongoFixture();

    private MongoAnalyticsStore store;
    private Analytics analytics;

    @BeforeEach
    void open() {
        store = MongoAnalyticsStore.create(MONGO.freshDatabase());
        analytics = Analytics.builder()
                .store(store)
                .zone(ZoneOffset.UTC)
                .clock(MongoFixture.CLOCK)
                .build();
    }

    @AfterEach
    void close() {
        analytics.close();
    }

    @Override
    protected Analytics analytics() {
        return analytics;
    }

    @Override
    protected AnalyticsStore store() {
        return store;
    }
}
