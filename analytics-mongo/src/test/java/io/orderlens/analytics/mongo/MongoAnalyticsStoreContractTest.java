package io.orderlens.analytics.mongo;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole store contract against a real wire-protocol server. */
class MongoAnalyticsStoreContractTest extends AnalyticsStoreContract {
    private static InProcessMongo mongo;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.memory();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Override
    protected AnalyticsStore newStore() {
        return MongoAnalyticsStore.create(mongo.freshDatabase());
    }
}
