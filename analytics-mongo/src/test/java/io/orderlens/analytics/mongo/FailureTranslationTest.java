package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.testing.StoreReads;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Driver failures reach the host as StoreException saying what the store was doing; data stays consistent. */
class FailureTranslationTest {
    private static final Order ORDER = new Order(
            "o-1",
            Customer.of("c-1"),
            Instant.parse("2026-01-05T10:00:00Z"),
            List.of(LineItem.of("p-1", null, "cat", 2, "3.00")),
            "DE");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void anUnreachableServerIsAStoreExceptionNamingTheReadThatTimedOut() {
        InProcessMongo server = InProcessMongo.memory(); // not the shared one: this test stops it
        MongoDatabase db = server.client(300).getDatabase(InProcessMongo.freshDatabaseName());
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        server.stopServer();
        try {
            // the pooled connection breaks first; then no server can be selected
            assertThatThrownBy(() -> store.get(Aggregate.PRODUCTS, "p-1"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageMatching("MongoDB store (lost its connection to the server|timed out) while reading "
                            + "product p-1: .+")
                    .hasCauseInstanceOf(MongoException.class);
            assertThatThrownBy(() -> StoreReads.days(store, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("MongoDB store timed out while reading days 2026-01-01..2026-01-31");
        } finally {
            server.close();
        }
    }

    @Test
    void aWriteTheServerRejectsIsAStoreExceptionAndTheBatchCompletesOnceTheDataIsFixed() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = withoutRetries(store);
        // a host tool broke a counter's type: $inc on a string is refused by the server
        db.getCollection("analytics_products")
                .insertOne(new org.bson.Document("_id", "p-1")
                        .append("units", "many")
                        .append("gv", 1L));

        assertThatThrownBy(() -> analytics.record(OrderEvent.delivered(ORDER, ORDER.placedAt())))
                .isInstanceOf(StoreRejectedException.class)
                .hasMessageContaining("was refused (code 14) while updating products for batch")
                .hasMessageContaining("a retry cannot succeed");

        db.getCollection("analytics_products").updateOne(Filters.eq("_id", "p-1"), Updates.set("units", 0L));
        assertThat(analytics.recover()).isEqualTo(1);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isEqualTo(1);
    }

    @Test
    void anAggregateDocumentWithoutGuardVersionIsRefusedByNameAndTheBatchCompletesAfterARebuild() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = withoutRetries(store);
        db.getCollection("analytics_products").insertOne(new org.bson.Document("_id", "p-1").append("units", 40L));

        assertThatThrownBy(() -> analytics.record(OrderEvent.delivered(ORDER, ORDER.placedAt())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot update document \"p-1\" of products")
                .hasMessageContaining("no int64 guard version \"gv\"");
        assertThat(db.getCollection("analytics_products")
                        .find(Filters.eq("_id", "p-1"))
                        .first()
                        .getLong("units"))
                .isEqualTo(40L);

        analytics.rebuild();
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void creatingAStoreAgainstADownServerFailsWithAStoreExceptionAboutIndexes() {
        InProcessMongo server = InProcessMongo.memory(); // not the shared one: this test stops it
        MongoDatabase db = server.client(300).getDatabase(InProcessMongo.freshDatabaseName());
        server.stopServer();
        try {
            assertThatThrownBy(() -> MongoAnalyticsStore.create(db))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("while creating indexes");
        } finally {
            server.close();
        }
    }

    /** Analytics that try the store once, so the store's failure reaches the caller as it was translated. */
    private static Analytics withoutRetries(MongoAnalyticsStore store) {
        return Analytics.builder()
                .store(store)
                .zone(ZoneId.of("UTC"))
                .storeAttempts(1)
                .storeBackoff(Duration.ZERO)
                .build();
    }
}
