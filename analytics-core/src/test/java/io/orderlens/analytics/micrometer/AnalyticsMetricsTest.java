package io.orderlens.analytics.micrometer;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.QueueFullException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.BackpressurePolicy;
import io.orderlens.analytics.async.FaultyStore;
import io.orderlens.analytics.async.RecordingSleeper;
import io.orderlens.analytics.async.TestOrders;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The binder against a real in-memory {@link Analytics}: every meter value follows from the events recorded. */
@Timeout(60)
class AnalyticsMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FaultyStore store = new FaultyStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Analytics analytics;

    @AfterEach
    void close() {
        if (analytics != null) {
            analytics.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void writePathCountersTimerAndBatchSizesFollowTheRecordedEvents() {
        analytics = builder(store).storeAttempts(2).storeBackoff(Duration.ZERO).build();
        new AnalyticsMetrics(analytics).bindTo(registry);

        analytics.record(delivered(1)); // a batch of 1
        analytics.record(delivered(1)); // a duplicate: applied, no batch
        analytics.recordAll(delivered(10, 14)); // a batch of 4
        assertThatThrownBy(() -> analytics.record(tooLargeRefundOf(1))).isInstanceOf(InvalidEventException.class);
        store.failNextWrites(1);
        analytics.record(delivered(20)); // a batch of 1, after one retry
        store.failNextWrites(2);
        assertThatThrownBy(() -> analytics.record(delivered(21))) // both attempts fail
                .isInstanceOf(StoreException.class);

        assertThat(counter("orderlens.events.recorded")).isEqualTo(9);
        assertThat(counter("orderlens.events.applied")).isEqualTo(7);
        assertThat(counter("orderlens.events.invalid")).isEqualTo(1);
        assertThat(counter("orderlens.events.failed")).isEqualTo(1);
        assertThat(counter("orderlens.store.retries")).isEqualTo(2);
        assertThat(counter("orderlens.events.rejected")).isZero();
        assertThat(counter("orderlens.listener.failures")).isZero();
        assertThat(counter("orderlens.listener.dropped")).isZero();
        assertThat(gauge("orderlens.queue.depth")).isZero();
        assertThat(gauge("orderlens.events.parked")).isZero();

        FunctionTimer apply = registry.get("orderlens.batch.apply").functionTimer();
        assertThat(apply.count()).isEqualTo(3);
        // the registry keeps seconds: back in nanoseconds the total may differ in the last bit of the double
        assertThat(apply.totalTime(TimeUnit.NANOSECONDS))
                .isPositive()
                .isCloseTo(analytics.metrics().applyNanos(), within(0.5));
        assertThat(counter("orderlens.batch.events")).isEqualTo(6);
        // sizes 1, 4, 1: nearest-rank p50 is 1, p95 and p99 are 4
        assertThat(registry.get("orderlens.batch.size.percentile")
                        .tag("phi", "0.5")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("orderlens.batch.size.percentile")
                        .tag("phi", "0.95")
                        .gauge()
                        .value())
                .isEqualTo(4);
        assertThat(registry.get("orderlens.batch.size.percentile")
                        .tag("phi", "0.99")
                        .gauge()
                        .value())
                .isEqualTo(4);
        assertThat(gauge("orderlens.batch.size.max")).isEqualTo(4);
        double p50 = registry.get("orderlens.batch.apply.percentile")
                .tag("phi", "0.5")
                .timeGauge()
                .value(TimeUnit.MICROSECONDS);
        assertThat(p50)
                .isLessThanOrEqualTo(
                        registry.get("orderlens.batch.apply.max").timeGauge().value(TimeUnit.MICROSECONDS));
    }

    @Test
    void queueDepthAndRejectionsFollowAFullAsyncQueue() throws Exception {
        store.holdWrites();
        analytics = builder(store)
                .async(asyncOptions()
                        .queueCapacity(2)
                        .maxBatchEvents(1)
                        .backpressure(BackpressurePolicy.REJECT)
                        .build())
                .build();
        new AnalyticsMetrics(analytics).bindTo(registry);
        List<CompletableFuture<RecordOutcome>> accepted = new ArrayList<>();
        accepted.add(analytics.submit(delivered(0)));
        store.awaitWriteEntered(); // the writer holds event 0
        accepted.add(analytics.submit(delivered(1)));
        accepted.add(analytics.submit(delivered(2)));

        assertThat(gauge("orderlens.queue.depth")).isEqualTo(2);
        assertThatThrownBy(() -> analytics.submit(delivered(3))).isInstanceOf(QueueFullException.class);
        assertThat(counter("orderlens.events.rejected")).isEqualTo(1);

        store.releaseWrites();
        analytics.flush(WAIT);
        for (CompletableFuture<RecordOutcome> f : accepted) {
            assertThat(f).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        }
        assertThat(gauge("orderlens.queue.depth")).isZero();
        assertThat(counter("orderlens.events.recorded")).isEqualTo(3);
        assertThat(counter("orderlens.events.applied")).isEqualTo(3);
        assertThat(registry.get("orderlens.batch.apply").functionTimer().count())
                .isEqualTo(3);
        assertThat(counter("orderlens.batch.events")).isEqualTo(3);
    }

    @Test
    void parkedEventsAndFailuresFollowAStoreOutageAndTheRetryAfterIt() {
        store.down();
        analytics = builder(store)
                .async(asyncOptions().storeAttempts(1).maxBatchEvents(10).build())
                .build();
        new AnalyticsMetrics(analytics).bindTo(registry);
        for (OrderEvent e : delivered(0, 3)) {
            analytics.submit(e);
        }

        assertThat(analytics.flush(WAIT).unapplied()).hasSize(3);
        assertThat(gauge("orderlens.events.parked")).isEqualTo(3);
        assertThat(counter("orderlens.events.failed")).isEqualTo(3);
        assertThat(counter("orderlens.events.applied")).isZero();

        store.up();
        assertThat(analytics.retryFailed(WAIT).complete()).isTrue();

        assertThat(gauge("orderlens.events.parked")).isZero();
        assertThat(counter("orderlens.events.applied")).isEqualTo(3);
        assertThat(counter("orderlens.events.recorded")).isEqualTo(3);
    }

    @Test
    void aStoreRecoveryFailingAtStartShowsAsPendingWithItsFailuresCounted() {
        store.down();
        analytics = builder(store).build();
        new AnalyticsMetrics(analytics).bindTo(registry);

        assertThat(gauge("orderlens.store.recovery.pending")).isEqualTo(1);
        assertThat(counter("orderlens.store.recovery.failures")).isGreaterThanOrEqualTo(1);
        assertThat(store.recoverCalls()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutAStoreRecoveryFailureNothingIsPending() {
        analytics = builder(store).build();
        new AnalyticsMetrics(analytics).bindTo(registry);

        assertThat(gauge("orderlens.store.recovery.pending")).isZero();
        assertThat(counter("orderlens.store.recovery.failures")).isZero();
    }

    @Test
    void withoutACacheThatReportsStatisticsNoCacheMeterIsRegistered() {
        analytics = builder(store).build();
        new AnalyticsMetrics(analytics).bindTo(registry);

        assertThat(analytics.metrics().cache()).isEmpty();
        assertThat(registry.find("orderlens.cache.gets").meters()).isEmpty();
        assertThat(registry.find("orderlens.cache.hit.ratio").meters()).isEmpty();
        assertThat(registry.find("orderlens.events.recorded").meters()).hasSize(1);
    }

    @Test
    void everyMeterCarriesTheGivenTagsSoInstancesCanShareARegistry() {
        analytics = builder(store).build();
        try (Analytics other = builder(new FaultyStore()).build()) {
            new AnalyticsMetrics(analytics, Tags.of("instance", "a")).bindTo(registry);
            new AnalyticsMetrics(other, Tags.of("instance", "b")).bindTo(registry);

            analytics.recordAll(delivered(0, 5));
            other.record(delivered(0));

            assertThat(registry.get("orderlens.events.recorded")
                            .tag("instance", "a")
                            .functionCounter()
                            .count())
                    .isEqualTo(5);
            assertThat(registry.get("orderlens.events.recorded")
                            .tag("instance", "b")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.getMeters())
                    .allSatisfy(m -> assertThat(m.getId().getTag("instance")).isNotNull());
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        analytics = builder(store).build();
        assertThatThrownBy(() -> new AnalyticsMetrics(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("analytics");
        assertThatThrownBy(() -> new AnalyticsMetrics(analytics, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tags");
        assertThatThrownBy(() -> new AnalyticsMetrics(analytics).bindTo(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("registry");
    }

    private double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    /** No batch delay, no jitter, no automatic re-try, back-off recorded instead of slept. */
    private static AsyncOptions.Builder asyncOptions() {
        return AsyncOptions.builder()
                .maxBatchDelay(Duration.ZERO)
                .jitter(0)
                .retryParkedEvery(Duration.ZERO)
                .sleeper(new RecordingSleeper());
    }

    private static OrderEvent tooLargeRefundOf(int i) {
        Order order = TestOrders.order(i);
        return OrderEvent.refunded(Refund.ofAmount(
                "r-" + i,
                order.orderId(),
                order.placedAt().plus(Duration.ofDays(1)),
                order.total().add(BigDecimal.TEN)));
    }
}
