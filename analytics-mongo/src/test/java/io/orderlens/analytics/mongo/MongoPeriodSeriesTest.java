package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.period.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Series by period read from MongoDB equal those of the in-memory store for the same events, at every granularity. */
class MongoPeriodSeriesTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void everyGranularityGivesTheSameSeriesAsTheInMemoryStore() {
        Analytics onMongo = MongoFixture.analyticsOver(MongoAnalyticsStore.create(mongo.freshDatabase()))
                .build();
        Analytics inMemory =
                MongoFixture.analyticsOver(new InMemoryAnalyticsStore()).build();
        List<OrderEvent> events = new ArrayList<>();
        long refunds = 0;
        Instant start = Instant.parse("2024-10-20T21:30:00Z");
        for (int i = 0; i < 400; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + i % 37),
                    start.plusSeconds(61_000L * i),
                    List.of(LineItem.of("p-" + i % 5, null, "cat", 1 + i % 3, "1.0005")),
                    "DE");
            events.add(OrderEvent.placed(o));
            if (i % 9 == 0) {
                events.add(OrderEvent.canceled(o.orderId(), o.placedAt().plusSeconds(30)));
            } else {
                events.add(OrderEvent.delivered(o.orderId(), o.placedAt().plusSeconds(600)));
            }
            if (i % 11 == 1 && i % 9 != 0) {
                refunds++;
                events.add(OrderEvent.refunded(
                        Refund.full("r-" + i, o.orderId(), o.placedAt().plusSeconds(86_400L * 20))));
            }
        }
        onMongo.recordAll(events);
        inMemory.recordAll(events);

        LocalDate from = LocalDate.parse("2024-10-01");
        LocalDate to = LocalDate.parse("2025-06-30");
        for (Granularity g : Granularity.values()) {
            assertThat(onMongo.periods().series(g, from, to))
                    .as(g.name())
                    .isEqualTo(inMemory.periods().series(g, from, to));
        }
        assertThat(onMongo.periods()
                        .series(Granularity.YEAR, from, to)
                        .summary()
                        .get(io.orderlens.analytics.period.Metric.REFUNDS)
                        .sum())
                .isEqualByComparingTo(String.valueOf(refunds))
                .isPositive();
    }
}
