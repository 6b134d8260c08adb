package io.orderlens.analytics.mongo;

import io.orderlens.analytics.segment.SegmentStoreContract;
import io.orderlens.analytics.spi.AnalyticsStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFM and rule-based segments computed over the MongoDB store, against a real wire-protocol server. */
class MongoSegmentContractTest extends SegmentStoreContract {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Override
    protected AnalyticsStore newStore() {
        return MongoAnalyticsStore.create(mongo.freshDatabase());
    }
}
