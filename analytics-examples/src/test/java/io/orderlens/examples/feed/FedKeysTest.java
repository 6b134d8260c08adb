package io.orderlens.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FedKeysTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static EventSource source(List<OrderEvent> events) {
        Iterator<OrderEvent> it = events.iterator();
        return new EventSource() {
            @Override
            public double progress() {
                return 0;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public OrderEvent next() {
                return it.next();
            }
        };
    }

    @Test
    void collectsEveryProductAndCustomerAndTheDaysOfOrderEventAndRefundTimes() {
        Order o = new Order(
                "o1",
                Customer.of("bob"),
                Instant.parse("2024-03-30T23:30:00Z"),
                List.of(LineItem.of("tea", "Tea", "drinks", 1, "2"), LineItem.of("cake", "Cake", "food", 1, "3")),
                "UK");
        List<OrderEvent> events = List.of(
                OrderEvent.delivered(o, Instant.parse("2024-03-31T10:00:00Z")),
                OrderEvent.refunded(Refund.standalone(
                        "r1",
                        "carol",
                        Instant.parse("2024-04-02T22:30:00Z"),
                        List.of(new RefundLine("jam", 1, new BigDecimal("1.50"), "food")),
                        "UK")));
        FedKeys keys = new FedKeys();
        EventSource tracked = keys.track(source(events));
        while (tracked.hasNext()) {
            tracked.next();
        }

        assertThat(keys.productIds()).containsExactly("cake", "jam", "tea");
        assertThat(keys.customerIds()).containsExactly("bob", "carol");
        // placed 23:30 UTC on 30 March is 30 March in London (GMT); refunded 22:30 UTC on 2 April is 23:30 BST
        assertThat(keys.firstDay(LONDON)).isEqualTo(LocalDate.of(2024, 3, 30));
        assertThat(keys.lastDay(LONDON)).isEqualTo(LocalDate.of(2024, 4, 2));
        assertThat(keys.lastDay(ZoneId.of("Asia/Kolkata"))).isEqualTo(LocalDate.of(2024, 4, 3));
    }

    @Test
    void withoutEventsThereAreNoKeysAndNoDays() {
        FedKeys keys = new FedKeys();
        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.productIds()).isEmpty();
        assertThatThrownBy(() -> keys.firstDay(LONDON))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no event was recorded");
        assertThatThrownBy(() -> keys.lastDay(LONDON)).isInstanceOf(IllegalStateException.class);
    }
}
