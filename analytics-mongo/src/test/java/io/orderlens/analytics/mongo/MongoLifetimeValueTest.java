package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.clv.Cdnow;
import io.orderlens.analytics.clv.ClvModel;
import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lifetime values read from the MongoDB store equal those of the in-memory store for the same events: the first 600
 * CDNOW customers' purchases, with a few refunds and cancels.
 */
class MongoLifetimeValueTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

    @Test
    void modelsAndCustomerValuesAreTheSameOnBothStores() throws Exception {
        List<OrderEvent> events = new ArrayList<>();
        int row = 0;
        for (Cdnow.Purchase p : Cdnow.purchases()) {
            if (p.customer() > 600) {
                continue;
            }
            Instant at = LocalDate.parse(p.day(), DateTimeFormatter.BASIC_ISO_DATE)
                    .atTime(12, 0)
                    .toInstant(ZoneOffset.UTC);
            String id = "o-" + row++;
            Order order = new Order(
                    id,
                    Customer.of("c-" + p.customer()),
                    at,
                    List.of(LineItem.of("cds", "CDs", "music", 1, p.value().toPlainString())),
                    "US");
            events.add(OrderEvent.delivered(order, at));
            if (row % 17 == 0) {
                events.add(OrderEvent.canceled(id, at.plusSeconds(60)));
            } else if (row % 11 == 0) {
                events.add(OrderEvent.refunded(Refund.full("r-" + id, id, at.plusSeconds(86_400 * 3))));
            }
        }
        List<ClvModel> models = new ArrayList<>();
        List<List<CustomerValue>> tops = new ArrayList<>();
        List<List<CustomerValue>> some = new ArrayList<>();
        for (var store : List.of(new InMemoryAnalyticsStore(), MongoAnalyticsStore.create(mongo.freshDatabase()))) {
            try (Analytics analytics = Analytics.builder()
                    .store(store)
                    .zone(ZoneOffset.UTC)
                    .clock(Clock.fixed(Instant.parse("1998-07-01T00:00:00Z"), ZoneOffset.UTC))
                    .build()) {
                for (int i = 0; i < events.size(); i += 500) {
                    analytics.recordAll(events.subList(i, Math.min(events.size(), i + 500)));
                }
                models.add(analytics.lifetimeValue().model(AS_OF));
                tops.add(analytics.lifetimeValue().top(20, AS_OF));
                List<CustomerValue> values = new ArrayList<>();
                for (int c = 1; c <= 600; c += 37) {
                    analytics.lifetimeValue().of("c-" + c, AS_OF).ifPresent(values::add);
                }
                some.add(values);
                assertThat(analytics.verify().isClean()).isTrue();
            }
        }

        assertThat(models.get(0).usable()).isTrue();
        assertThat(models.get(1).purchases().lastPoint())
                .isEqualTo(models.get(0).purchases().lastPoint());
        assertThat(models.get(1).spend().lastPoint())
                .isEqualTo(models.get(0).spend().lastPoint());
        assertThat(tops.get(0)).hasSize(20);
        assertThat(tops.get(1)).isEqualTo(tops.get(0));
        assertThat(some.get(0)).hasSizeGreaterThan(10);
        assertThat(some.get(1)).isEqualTo(some.get(0));
    }
}
