package io.orderlens.analytics.mongo;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole store contract against a real wire-protocol server. */
class MongoAnalyticsStoreContractTest extends AnalyticsStoreContract {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Override
    protected AnalyticsStore newStore() {
        return MongoAnalyticsStore.create(mongo.freshDatabase());
    }
}
