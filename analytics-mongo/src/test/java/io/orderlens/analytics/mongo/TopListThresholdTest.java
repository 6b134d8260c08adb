package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Top lists read with the threshold the last read of the same list ended at stay exact when the rows move under
 * them: written by another instance, reversed, rebuilt. Each list is compared with the list an in-memory store
 * computes from the same events.
 */
class TopListThresholdTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void listsOfOneInstanceStayExactWhileAnotherInstanceReversesAndAddsOrders() {
        MongoDatabase database = mongo.freshDatabase();
        MongoAnalyticsStore readerStore = MongoAnalyticsStore.create(database);
        Analytics reader = analyticsOver(readerStore).build();
        Analytics writer = analyticsOver(
                        MongoAnalyticsStore.create(mongo.client().getDatabase(database.getName())))
                .build();
        Analytics reference = analyticsOver(new InMemoryAnalyticsStore()).build();
        Random random = new Random(16);
        List<String> counted = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            List<OrderEvent> events = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String id = "o-" + round + "-" + i;
                Order o = new Order(
                        id,
                        Customer.of("c-" + random.nextInt(20)),
                        AT.plusSeconds(600L * (round * 15 + i)),
                        List.of(LineItem.of(
                                "p-" + random.nextInt(25),
                                null,
                                "cat-" + random.nextInt(6),
                                1 + random.nextInt(9),
                                (1 + random.nextInt(40)) + ".25")),
                        "DE");
                events.add(OrderEvent.delivered(o, o.placedAt().plusSeconds(60)));
                counted.add(id);
            }
            // every other round takes back the orders that made the lists: the rows they counted fall below
            if (round % 2 == 1) {
                for (int k = 0; k < 10; k++) {
                    String id = counted.remove(random.nextInt(counted.size()));
                    events.add(
                            k % 2 == 0
                                    ? OrderEvent.canceled(id, AT.plusSeconds(1_000_000 + round))
                                    : OrderEvent.refunded(Refund.ofAmount(
                                            "r-" + id, id, AT.plusSeconds(1_000_000 + round), new BigDecimal("1.00"))));
                }
            }
            writer.recordAll(events);
            reference.recordAll(events);

            for (int limit : List.of(1, 3, 5, 10)) {
                var q = reader.queries();
                var r = reference.queries();
                assertThat(q.topProducts(ProductRanking.REVENUE, limit))
                        .as("round %d, top %d products by revenue", round, limit)
                        .isEqualTo(r.topProducts(ProductRanking.REVENUE, limit));
                assertThat(q.topProducts(ProductRanking.UNITS, limit))
                        .as("round %d, top %d products by units", round, limit)
                        .isEqualTo(r.topProducts(ProductRanking.UNITS, limit));
                assertThat(q.topCustomers(limit))
                        .as("round %d, top %d customers", round, limit)
                        .isEqualTo(r.topCustomers(limit));
                assertThat(q.topCategories(limit))
                        .as("round %d, top %d categories", round, limit)
                        .isEqualTo(r.topCategories(limit));
            }
        }
        // 4 lists × 4 limits, less the top 10 of the 6 categories (a list shorter than its limit has no threshold)
        assertThat(readerStore.topListThresholds()).isEqualTo(15);
    }

    @Test
    void aRebuildThatLowersEveryRowLeavesTheListsExact() {
        MongoDatabase database = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(database);
        Analytics analytics = analyticsOver(store).build();
        for (int i = 0; i < 20; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + i % 5),
                    AT.plusSeconds(60L * i),
                    List.of(LineItem.of("p-" + i % 8, null, "cat", 1 + i, "3.00")),
                    "DE");
            analytics.record(OrderEvent.delivered(o, o.placedAt()));
        }
        var before = analytics.queries().topProducts(ProductRanking.UNITS, 3);

        // a rebuild from a snapshot where every product sold one unit
        var snapshot = store.snapshot();
        var lowered = new Delta();
        snapshot.products()
                .values()
                .forEach(p -> lowered.add(new ProductCounters(
                        p.productId(),
                        p.name(),
                        p.category(),
                        1,
                        p.revenue(),
                        p.orders(),
                        p.firstSoldAt(),
                        p.lastSoldAt())));
        store.replaceAggregates(lowered);

        assertThat(before)
                .extracting(p -> p.unitsSold())
                .allSatisfy(u -> assertThat(u).isGreaterThan(1));
        assertThat(analytics.queries().topProducts(ProductRanking.UNITS, 3))
                .extracting(p -> p.productId() + "=" + p.unitsSold())
                .containsExactly("p-0=1", "p-1=1", "p-2=1");
    }

    @Test
    void atMostABoundedNumberOfThresholdsIsKept() {
        MongoAnalyticsStore store = MongoAnalyticsStore.create(mongo.freshDatabase());
        Analytics analytics = analyticsOver(store).build();
        Analytics reference = analyticsOver(new InMemoryAnalyticsStore()).build();
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + i),
                    AT.plusSeconds(60L * i),
                    List.of(LineItem.of("p-" + i, null, "cat", 1 + i % 13, "1.50")),
                    "DE");
            events.add(OrderEvent.delivered(o, o.placedAt()));
        }
        analytics.recordAll(events);
        reference.recordAll(events);

        for (int limit = 1; limit <= 100; limit++) {
            assertThat(analytics.queries().topCustomers(limit))
                    .as("top %d customers", limit)
                    .isEqualTo(reference.queries().topCustomers(limit));
        }

        assertThat(store.topListThresholds()).isEqualTo(TopLists.MAX_THRESHOLDS);
    }
}
