package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MongoDB and the in-memory store agree on every accepted instant, the first and last ones included. */
class InstantRangeTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private static final List<Instant> EDGES = List.of(
            Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.parse("2025-03-30T01:30:00.000000001Z"),
            Instant.parse("2199-12-31T23:59:59.999999999Z"));

    @Test
    void ordersAtTheEdgesOfTheRangeGiveTheSameFiguresInBothStores() {
        InMemoryAnalyticsStore memoryStore = new InMemoryAnalyticsStore();
        MongoAnalyticsStore mongoStore = MongoAnalyticsStore.create(mongo.freshDatabase());
        Analytics memory = analyticsOver(memoryStore).build();
        Analytics onMongo = analyticsOver(mongoStore).build();
        for (int i = 0; i < EDGES.size(); i++) {
            Instant at = EDGES.get(i);
            Order o = new Order(
                    "o-" + i,
                    new Customer("c-1", at, null),
                    at,
                    List.of(LineItem.of("p-" + i % 2, null, "cat", 1 + i, "1.0001")),
                    "DE");
            for (Analytics a : List.of(memory, onMongo)) {
                a.record(OrderEvent.delivered(o, at));
            }
        }

        assertThat(mongoStore.snapshot().withoutZeros())
                .isEqualTo(memoryStore.snapshot().withoutZeros());
        Set<String> keys = Set.of("o:o-0", "o:o-1", "o:o-2", "o:o-3");
        assertThat(mongoStore.ledger(keys).get("o:o-3").order())
                .isEqualTo(memoryStore.ledger(keys).get("o:o-3").order());
        for (LocalDate[] range : List.of(
                new LocalDate[] {LocalDate.of(1899, 12, 31), LocalDate.of(1900, 1, 2)},
                new LocalDate[] {LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1)},
                new LocalDate[] {LocalDate.of(2199, 12, 31), LocalDate.of(2200, 1, 1)})) {
            assertThat(onMongo.queries().daily(range[0], range[1]))
                    .isEqualTo(memory.queries().daily(range[0], range[1]));
            assertThat(onMongo.queries().dashboard(range[0], range[1]).newCustomers())
                    .isEqualTo(memory.queries().dashboard(range[0], range[1]).newCustomers());
        }
        assertThat(onMongo.queries().customer("c-1")).isEqualTo(memory.queries().customer("c-1"));
        assertThat(onMongo.queries().customer("c-1").orElseThrow().firstOrderAt())
                .isEqualTo(EDGES.get(0));
        assertThat(onMongo.queries().customer("c-1").orElseThrow().lastOrderAt())
                .isEqualTo(EDGES.get(3));
        assertThat(onMongo.verify().isClean()).isTrue();
        memory.close();
        onMongo.close();
    }
}
