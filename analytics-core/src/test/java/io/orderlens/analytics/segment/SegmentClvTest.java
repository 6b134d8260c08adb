package io.orderlens.analytics.segment;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.testing.AnalyticsFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PREDICTED_CLV, PROBABILITY_ALIVE and the CLV member order agree with {@code Analytics.lifetimeValue()} on a history
 * shaped like the model's assumptions (customers buy at their own rate, then drop out).
 */
class SegmentClvTest {
    private final AnalyticsFixture fx = new AnalyticsFixture();
    private final LocalDate asOf = LocalDate.of(2026, 6, 29);

    SegmentClvTest() {
        Random random = new Random(7);
        Instant start = Instant.parse("2025-07-01T06:00:00Z");
        for (int c = 0; c < 300; c++) {
            String id = String.format("c-%03d", c);
            double perDay = (0.2 + 2 * random.nextDouble() * random.nextDouble()) / 30;
            double dropout = 0.05 + 0.5 * random.nextDouble();
            int mean = 10 + random.nextInt(90);
            double day = random.nextInt(120);
            for (int n = 0; day < 360; n++) {
                String price = String.valueOf(mean / 2 + random.nextInt(mean));
                fx.deliver(
                        order(id + "-" + n, id, start.plus((long) day, ChronoUnit.DAYS), line("p-1", "cat", 1, price)));
                if (random.nextDouble() < dropout) {
                    break;
                }
                day += 1 - Math.log(1 - random.nextDouble()) / perDay;
            }
        }
    }

    @Test
    void clvFieldsAndOrderFollowTheLifetimeValueModel() {
        assertThat(fx.analytics.lifetimeValue().model(asOf).usable())
                .as("%s", fx.analytics.lifetimeValue().model(asOf))
                .isTrue();
        BigDecimal threshold = new BigDecimal("60");
        long valuable = 0;
        long likelyAlive = 0;
        for (int c = 0; c < 300; c++) {
            CustomerValue.Prediction p = fx.analytics
                    .lifetimeValue()
                    .of(String.format("c-%03d", c), asOf)
                    .orElseThrow()
                    .prediction()
                    .orElseThrow();
            valuable += p.value().compareTo(threshold) >= 0 ? 1 : 0;
            likelyAlive += p.probabilityAlive() > 0.5 ? 1 : 0;
        }
        Segments s = fx.analytics.segments();
        Rule rich = Rule.where(CustomerField.PREDICTED_CLV, Operator.GE, threshold);
        assertThat(s.count(rich, asOf).customers()).isEqualTo(valuable).isBetween(1L, 299L);
        assertThat(s.count(Rule.where(CustomerField.PROBABILITY_ALIVE, Operator.GT, "0.5"), asOf)
                        .customers())
                .isEqualTo(likelyAlive)
                .isBetween(1L, 299L);

        List<CustomerValue> top = fx.analytics.lifetimeValue().top(10, asOf);
        List<SegmentMember> members =
                s.members(Rule.where(CustomerField.ORDERS, Operator.GE, 1), asOf, MemberOrder.PREDICTED_CLV, 0, 10);
        assertThat(members)
                .extracting(SegmentMember::customerId)
                .containsExactlyElementsOf(
                        top.stream().map(CustomerValue::customerId).toList());
        assertThat(members.get(0).predictedClv())
                .isEqualByComparingTo(top.get(0).predicted().value());
        assertThat(s.isMember(top.get(0).customerId(), rich, asOf))
                .isEqualTo(top.get(0).predicted().value().compareTo(threshold) >= 0);
    }
}
