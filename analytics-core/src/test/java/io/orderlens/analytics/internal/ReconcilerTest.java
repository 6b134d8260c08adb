package io.orderlens.analytics.internal;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events of a failed write the ledger reflects, including their orders' shares in experiments. */
class ReconcilerTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private final MutableClock clock = new MutableClock(T0);
    private final Reconciler reconciler =
            new Reconciler(store, new Lifecycle(CountingPolicy.AT_DELIVERED, ZONE, null, clock));

    @Test
    void anEventWhoseOrderShareDidNotReachTheExposureIsNotAppliedUntilRecordedAgain() {
        try (Analytics analytics =
                Analytics.builder().store(store).zone(ZONE).clock(clock).build()) {
            analytics
                    .experiments()
                    .define(Experiment.builder("banner")
                            .variations("control", "banner")
                            .build());
            analytics.experiments().transition("banner", ExperimentStatus.RUNNING);
            analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
            Order o = order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "10"));
            List<OrderEvent> events = List.of(OrderEvent.placed(o), OrderEvent.delivered("o-1", T0.plusSeconds(60)));
            List<OrderEvent> unseen = List.of(OrderEvent.placed(order("o-2", "c-1", T0, line("p", "food", 1, "1"))));
            analytics.recordAll(events);
            assertThat(reconciler.reconcile(events)).containsOnly(Reconciler.Fate.APPLIED);
            assertThat(reconciler.reconcile(unseen)).containsOnly(Reconciler.Fate.NOT_APPLIED);

            // the exposure loses the order's share, as when a write stopped between the order and its exposure
            String key = Exposure.ledgerKey("banner", "c-1");
            LedgerEntry exposure = store.ledger(List.of(key)).get(key);
            store.apply(new StoreBatch(
                    "lost-share", List.of(ExperimentService.change(exposure, exposure.withAttributed(List.of())))));
            assertThat(reconciler.reconcile(events)).containsOnly(Reconciler.Fate.NOT_APPLIED);
            assertThat(analytics
                            .experiments()
                            .results("banner")
                            .variation("banner")
                            .convertedUsers())
                    .isZero();

            analytics.recordAll(events);
            assertThat(reconciler.reconcile(events)).containsOnly(Reconciler.Fate.APPLIED);
            assertThat(analytics
                            .experiments()
                            .results("banner")
                            .variation("banner")
                            .convertedUsers())
                    .isEqualTo(1);
            assertThat(analytics.verify().isClean()).isTrue();
        }
    }
}
