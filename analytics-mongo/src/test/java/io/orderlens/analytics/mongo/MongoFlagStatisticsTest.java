package io.orderlens.analytics.mongo;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.flag.FlagStatisticsContract;
import io.orderlens.analytics.spi.AnalyticsStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flag statistics contract against a real wire-protocol server; other instances use their own store handles. */
class MongoFlagStatisticsTest extends FlagStatisticsContract {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private String databaseName;

    @Override
    protected AnalyticsStore newStore() {
        MongoDatabase db = mongo.freshDatabase();
        databaseName = db.getName();
        return MongoAnalyticsStore.create(db);
    }

    @Override
    protected AnalyticsStore sameStoreAgain() {
        return MongoAnalyticsStore.create(mongo.client().getDatabase(databaseName));
    }
}
