package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Delta;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verify recomputes every aggregate from the ledger and names each drifted one; rebuild repairs them in place. */
class VerifyAndRebuildTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private MongoDatabase db;
    private FaultyCollections faulty;
    private MongoAnalyticsStore store;
    private Analytics analytics;

    @BeforeEach
    void recordAHistory() {
        db = mongo.freshDatabase();
        store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
        analytics = analyticsOver(store).storeAttempts(1).build();
        EventStream.batches(EventStream.events(5, 80), 5, 6).forEach(analytics::recordAll);
    }

    @Test
    void aHandCorruptedAggregateIsTheOnlyDriftAndRebuildRepairsIt() {
        assertThat(analytics.verify().isClean()).isTrue();
        Delta before = store.snapshot();
        long units = store.get(Aggregate.PRODUCTS, "p-3").orElseThrow().units();

        db.getCollection("analytics_products").updateOne(Filters.eq("_id", "p-3"), Updates.inc("units", 5L));

        DriftReport found = analytics.verify();
        assertThat(found.drifts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("product");
            assertThat(d.key()).isEqualTo("p-3");
            assertThat(d.actual()).contains("units=" + (units + 5));
            assertThat(d.expected()).contains("units=" + units);
        });
        assertThat(found.ledgerEntries()).isEqualTo(80 + 28); // the orders and their customers' entries

        DriftReport repaired = analytics.rebuild();
        assertThat(repaired.drifts()).hasSize(1);
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.PRODUCTS, "p-3").orElseThrow().units()).isEqualTo(units);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(before.withoutZeros());
    }

    @Test
    void aMissingAndAStrayAggregateAreBothReportedAndRebuildRemovesTheStrayOne() {
        db.getCollection("analytics_customers").deleteOne(Filters.eq("_id", "c-4"));
        db.getCollection("analytics_categories")
                .insertOne(new Document("_id", "ghost")
                        .append("units", 1L)
                        .append("revenue", 10_000L)
                        .append("orders", 1L));

        DriftReport found = analytics.verify();

        assertThat(found.drifts())
                .extracting(DriftReport.Drift::kind, DriftReport.Drift::key)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("customer", "c-4"),
                        org.assertj.core.groups.Tuple.tuple("category", "ghost"));
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.CATEGORIES, "ghost")).isEmpty();
        assertThat(store.get(Aggregate.CUSTOMERS, "c-4")).isPresent();
    }

    @Test
    void rebuildClosesABatchACrashLeftPendingSoRecoveryCannotAddItTwice() {
        Order o = new Order(
                "late",
                Customer.of("c-late"),
                Instant.parse("2026-04-03T08:00:00Z"),
                List.of(LineItem.of("p-late", null, "cat-late", 3, "4.10")),
                "FR");
        faulty.failAfterWrite(2); // the ledger entry is written, the aggregates are not
        try {
            analytics.record(OrderEvent.delivered(o, o.placedAt()));
        } catch (StoreException expected) {
            // the crash
        }
        assertThat(store.get(Aggregate.PRODUCTS, "p-late")).isEmpty();
        assertThat(analytics.verify().drifts()).isNotEmpty();

        analytics.rebuild();

        assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
        assertThat(analytics.recover()).isZero();
        assertThat(store.get(Aggregate.PRODUCTS, "p-late").orElseThrow().units())
                .isEqualTo(3);
        assertThat(analytics.verify().isClean()).isTrue();
    }
}
