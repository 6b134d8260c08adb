package io.orderlens.analytics.mongo;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerRetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ledger retention against a real wire-protocol server. */
class MongoLedgerRetentionTest extends LedgerRetentionContract {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Override
    protected AnalyticsStore newStore() {
        return MongoAnalyticsStore.create(mongo.freshDatabase());
    }
}
