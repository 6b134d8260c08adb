package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.MetricsSnapshot;
import io.orderlens.analytics.MetricsSnapshot.Percentiles;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteMetricsTest {
    private final FaultyStore store = new FaultyStore();
    private final Analytics analytics = builder(store).build();

    @AfterEach
    void close() {
        analytics.close();
    }

    @Test
    void countersTrackRecordedAppliedAndInvalidEvents() {
        analytics.record(delivered(1));
        analytics.record(delivered(1)); // duplicate: applied, no store batch
        Order order = TestOrders.order(1);
        OrderEvent tooLarge = OrderEvent.refunded(Refund.ofAmount(
                "r-1",
                order.orderId(),
                order.placedAt().plus(Duration.ofDays(1)),
                order.total().add(BigDecimal.TEN)));
        assertThatThrownBy(() -> analytics.record(tooLarge)).isInstanceOf(InvalidEventException.class);

        MetricsSnapshot m = analytics.metrics();
        assertThat(m.recorded()).isEqualTo(3);
        assertThat(m.applied()).isEqualTo(2);
        assertThat(m.invalid()).isEqualTo(1);
        assertThat(m.batches()).isEqualTo(1);
        assertThat(m.failed()).isZero();
        assertThat(m.retried()).isZero();
        assertThat(m.rejected()).isZero();
        assertThat(m.queueDepth()).isZero();
        assertThat(m.parked()).isZero();
    }

    @Test
    void batchSizePercentilesAreNearestRankOverTheBatchesWritten() {
        int next = 0;
        for (int size = 1; size <= 100; size++) {
            analytics.recordAll(delivered(next, next + size));
            next += size;
        }

        MetricsSnapshot m = analytics.metrics();
        // sizes 1..100 once each: the p-th percentile by nearest rank is p itself
        assertThat(m.batchSize()).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
        assertThat(m.batches()).isEqualTo(100);
        assertThat(m.recorded()).isEqualTo(5050);
        assertThat(m.applied()).isEqualTo(5050);
        Percentiles latency = m.applyLatencyMicros();
        assertThat(latency.samples()).isEqualTo(100);
        assertThat(latency.p50()).isLessThanOrEqualTo(latency.p95());
        assertThat(latency.p95()).isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.max());
    }

    @Test
    void percentilesCoverOnlyTheMostRecentWindowOfBatches() {
        for (int i = 0; i < MetricsSnapshot.WINDOW + 100; i++) {
            analytics.record(delivered(i));
        }

        MetricsSnapshot m = analytics.metrics();
        assertThat(m.batches()).isEqualTo(MetricsSnapshot.WINDOW + 100);
        assertThat(m.batchSize()).isEqualTo(new Percentiles(MetricsSnapshot.WINDOW, 1, 1, 1, 1));
    }

    @Test
    void beforeAnyWriteThePercentilesAreEmpty() {
        assertThat(analytics.metrics().batchSize()).isEqualTo(Percentiles.NONE);
        assertThat(analytics.metrics().applyLatencyMicros()).isEqualTo(Percentiles.NONE);
    }
}
