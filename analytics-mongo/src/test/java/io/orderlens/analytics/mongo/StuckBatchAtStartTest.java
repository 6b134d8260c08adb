package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pending batch that recover() cannot finish does not keep a synchronous host from starting. */
class StuckBatchAtStartTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private static Order order(String id, String product) {
        return new Order(
                id,
                Customer.of("c-" + id),
                Instant.parse("2026-01-05T10:00:00Z"),
                List.of(LineItem.of(product, null, "cat", 2, "3.00")),
                "DE");
    }

    @Test
    void aSynchronousInstanceStartsRecordsAndShowsTheStuckRecoveryInItsMetrics() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore first = MongoAnalyticsStore.create(db);
        Analytics before = analyticsOver(first)
                .storeAttempts(1)
                .storeBackoff(Duration.ZERO)
                .build();
        // a document another tool wrote without a guard version: the batch touching it cannot finish
        db.getCollection("analytics_products").insertOne(new Document("_id", "p-stuck").append("units", 40L));
        Order stuck = order("o-1", "p-stuck");
        assertThatThrownBy(() -> before.record(OrderEvent.delivered(stuck, stuck.placedAt())))
                .isInstanceOf(StoreException.class);
        assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isEqualTo(1);
        assertThatThrownBy(first::recover).isInstanceOf(StoreException.class);

        Analytics restarted = analyticsOver(MongoAnalyticsStore.create(db)).build();

        assertThat(restarted.metrics().recoveryPending()).isTrue();
        assertThat(restarted.metrics().recoveryFailures()).isEqualTo(1);
        Order other = order("o-2", "p-ok");
        assertThat(restarted.record(OrderEvent.delivered(other, other.placedAt())))
                .isEqualTo(RecordOutcome.APPLIED);
        assertThat(restarted.queries().product("p-ok").orElseThrow().unitsSold())
                .isEqualTo(2);
        restarted.close();
    }
}
