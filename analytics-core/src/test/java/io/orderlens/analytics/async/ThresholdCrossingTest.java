package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.CLOCK;
import static io.orderlens.analytics.async.TestOrders.builder;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.ThresholdCrossing;
import io.orderlens.analytics.ThresholdCrossing.CustomerTierChanged;
import io.orderlens.analytics.ThresholdCrossing.FrequencyClassChanged;
import io.orderlens.analytics.ThresholdCrossing.RatingTierChanged;
import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seed calculators: rating 0–9 → 4.0, 10–49 → 4.2; tiers SILVER from 1,000; frequency per 30 days of account age
 * (an account younger than 30 days counts as 30): below 2 orders OCCASIONAL, below 8 REGULAR.
 */
@Timeout(30)
class ThresholdCrossingTest {
    private static final Instant PLACED = CLOCK.instant().minus(Duration.ofDays(3));
    private static final Customer ANNA = new Customer("c-anna", CLOCK.instant().minus(Duration.ofDays(10)), null);

    private final FaultyStore store = new FaultyStore();
    private final CollectingListener listener = new CollectingListener();
    private Analytics analytics;

    @AfterEach
    void close() {
        analytics.close(Duration.ofSeconds(5));
    }

    private static OrderEvent delivery(String orderId, int quantity, String price) {
        Order order =
                new Order(orderId, ANNA, PLACED, List.of(LineItem.of("p-star", "Star", "toys", quantity, price)), "DE");
        return OrderEvent.delivered(order, PLACED.plus(Duration.ofHours(2)));
    }

    /** An unrelated order; when its batch is delivered, every notification raised before it has been too. */
    private void recordSentinel(int n) throws InterruptedException {
        analytics.record(OrderEvent.delivered(
                new Order(
                        "o-sentinel-" + n,
                        Customer.of("c-other-" + n),
                        PLACED,
                        List.of(LineItem.of("p-other", null, "misc", 1, "1")),
                        "DE"),
                PLACED));
    }

    @Test
    void productRatingTierAndCustomerTierAndFrequencyClassCrossingsAreReportedBothWays() throws Exception {
        analytics = builder(store)
                .ratingPolicy(RatingPolicy.fourTier())
                .listener(listener)
                .build();

        analytics.record(delivery("o-a", 6, "100")); // 6 units, 600 spent, 1 order: no class changes
        recordSentinel(1);
        listener.awaitBatches(2);
        assertThat(listener.crossings()).isEmpty();

        analytics.record(delivery("o-b", 5, "100")); // 11 units, 1100 spent, 2 orders
        recordSentinel(2);
        listener.awaitBatches(2);
        List<ThresholdCrossing> up = listener.crossings();
        assertThat(up).hasSize(3).allMatch(ThresholdCrossing::upward);
        RatingTierChanged rating = only(up, RatingTierChanged.class);
        assertThat(rating.productId()).isEqualTo("p-star");
        assertThat(rating.from()).isEqualByComparingTo("4.0");
        assertThat(rating.to()).isEqualByComparingTo("4.2");
        assertThat(rating.units()).isEqualTo(11);
        CustomerTierChanged tier = only(up, CustomerTierChanged.class);
        assertThat(tier.customerId()).isEqualTo("c-anna");
        assertThat(tier.from()).isEqualTo(CustomerTier.BRONZE);
        assertThat(tier.to()).isEqualTo(CustomerTier.SILVER);
        assertThat(tier.spent()).isEqualByComparingTo("1100");
        FrequencyClassChanged frequency = only(up, FrequencyClassChanged.class);
        assertThat(frequency.from()).isEqualTo(OrderFrequency.OCCASIONAL);
        assertThat(frequency.to()).isEqualTo(OrderFrequency.REGULAR);
        assertThat(frequency.orders()).isEqualTo(2);
        assertThat(up)
                .extracting(ThresholdCrossing::batchId)
                .containsOnly(listener.batches().get(2).batchId());

        analytics.record(OrderEvent.refunded(Refund.full("r-b", "o-b", PLACED.plus(Duration.ofDays(1)))));
        recordSentinel(3);
        listener.awaitBatches(2);
        List<ThresholdCrossing> down =
                listener.crossings().subList(3, listener.crossings().size());
        assertThat(down).hasSize(3).noneMatch(ThresholdCrossing::upward);
        assertThat(only(down, RatingTierChanged.class).to()).isEqualByComparingTo("4.0");
        assertThat(only(down, CustomerTierChanged.class).to()).isEqualTo(CustomerTier.BRONZE);
        assertThat(only(down, FrequencyClassChanged.class).to()).isEqualTo(OrderFrequency.OCCASIONAL);
    }

    @Test
    void crossingsAreReportedForBatchesWrittenByTheAsyncWriter() throws Exception {
        analytics = builder(store)
                .listener(listener)
                .async(AsyncOptions.builder().maxBatchDelay(Duration.ZERO).build())
                .build();

        analytics.submit(delivery("o-big", 120, "0.5"));
        analytics.flush(Duration.ofSeconds(20));
        listener.awaitBatches(1);
        recordSentinel(1);
        listener.awaitBatches(1);

        RatingTierChanged rating = only(listener.crossings(), RatingTierChanged.class);
        assertThat(rating.from()).isEqualByComparingTo(RatingPolicy.fourTier().rating(0));
        assertThat(rating.to()).isEqualByComparingTo(RatingPolicy.fourTier().rating(120));
        assertThat(rating.to()).isGreaterThan(rating.from());
    }

    @Test
    void aCustomRatingPolicyDecidesWhatCountsAsATier() throws Exception {
        analytics = builder(store)
                .listener(listener)
                .ratingPolicy(units -> units >= 3 ? new BigDecimal("5") : new BigDecimal("1"))
                .build();

        analytics.record(delivery("o-a", 2, "1"));
        analytics.record(delivery("o-b", 1, "1"));
        recordSentinel(1);
        listener.awaitBatches(3);

        RatingTierChanged rating = only(listener.crossings(), RatingTierChanged.class);
        assertThat(rating.units()).isEqualTo(3);
        assertThat(rating.batchId()).isEqualTo(listener.batches().get(1).batchId());
    }

    private static <T extends ThresholdCrossing> T only(List<ThresholdCrossing> crossings, Class<T> type) {
        List<T> matching =
                crossings.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching)
                .as("crossings of type %s in %s", type.getSimpleName(), crossings)
                .hasSize(1);
        return matching.get(0);
    }
}
