package io.orderlens.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.CustomerProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quickstart, kept compiling and true. */
class QuickstartTest {
    @Test
    void theReadmeQuickstartWorksAsWritten() {
        Analytics analytics =
                Analytics.builder().zone(ZoneId.of("Asia/Kolkata")).build();

        Order order = new Order(
                "o-17",
                Customer.of("c-42"),
                Instant.now(),
                List.of(LineItem.of("margherita", "Margherita Pizza", "pizza", 2, "299")),
                "IN");
        analytics.record(OrderEvent.placed(order));
        analytics.record(OrderEvent.delivered("o-17", Instant.now()));
        assertThat(analytics.record(OrderEvent.delivered("o-17", Instant.now())))
                .isEqualTo(RecordOutcome.DUPLICATE);

        CustomerProfile p = analytics.queries().customer("c-42").orElseThrow();
        assertThat(p.averageOrderValue()).isEqualByComparingTo("598");
        assertThat(p.frequency()).isEqualTo(OrderFrequency.OCCASIONAL);
        assertThat(p.preferredTimeOfDay()).isNotNull();
    }
}
