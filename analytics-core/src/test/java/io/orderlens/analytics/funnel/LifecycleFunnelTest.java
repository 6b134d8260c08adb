package io.orderlens.analytics.funnel;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.StatusCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lifecycle funnel: stages, cancellations, conversion and step times kept exactly on the write path")
class LifecycleFunnelTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private final Analytics a = Analytics.builder().store(store).zone(ZONE).build();

    private static Order pizza(String id, Instant at) {
        return order(id, "c-" + id, at, line("pizza", "mains", 1, "9.50"));
    }

    /** Placed at {@code at}; then each given status at {@code at} plus the given minutes. */
    private void walk(String id, Instant at, Object... statusThenMinutes) {
        a.record(OrderEvent.placed(pizza(id, at)));
        for (int i = 0; i < statusThenMinutes.length; i += 2) {
            OrderStatus s = (OrderStatus) statusThenMinutes[i];
            Instant when = at.plus(Duration.ofMinutes((Integer) statusThenMinutes[i + 1]));
            a.record(
                    switch (s) {
                        case ACCEPTED -> OrderEvent.accepted(id, when);
                        case ASSIGNED -> OrderEvent.assigned(id, when);
                        case OUT_FOR_DELIVERY -> OrderEvent.outForDelivery(id, when);
                        case DELIVERED -> OrderEvent.delivered(id, when);
                        case CANCELED -> OrderEvent.canceled(id, when);
                        default -> throw new IllegalArgumentException(s.name());
                    });
        }
    }

    private LifecycleFunnel funnel() {
        return a.funnels().lifecycle(DAY, DAY);
    }

    private static StageCount stage(LifecycleFunnel f, OrderStatus s) {
        return f.stages().stream().filter(x -> x.stage() == s).findFirst().orElseThrow();
    }

    private static StepDurations step(LifecycleFunnel f, FunnelStep s) {
        return f.steps().stream().filter(x -> x.step() == s).findFirst().orElseThrow();
    }

    @Test
    void countsEachStageTheCancellationsAtEachAndTheConversionBetweenThem() {
        walk(
                "o-1",
                T,
                OrderStatus.ACCEPTED,
                2,
                OrderStatus.ASSIGNED,
                5,
                OrderStatus.OUT_FOR_DELIVERY,
                20,
                OrderStatus.DELIVERED,
                45);
        walk("o-2", T, OrderStatus.ACCEPTED, 1, OrderStatus.CANCELED, 3);
        walk("o-3", T);
        walk("o-4", T, OrderStatus.DELIVERED, 30); // no status reported between placed and delivered

        LifecycleFunnel f = funnel();

        assertThat(f.stages())
                .extracting(StageCount::stage)
                .containsExactly(
                        OrderStatus.PLACED,
                        OrderStatus.ACCEPTED,
                        OrderStatus.ASSIGNED,
                        OrderStatus.OUT_FOR_DELIVERY,
                        OrderStatus.DELIVERED);
        assertThat(f.stages()).extracting(StageCount::reached).containsExactly(4L, 3L, 2L, 2L, 2L);
        assertThat(f.stages()).extracting(StageCount::canceled).containsExactly(0L, 1L, 0L, 0L, 0L);
        assertThat(f.canceled()).isEqualTo(1);
        assertThat(stage(f, OrderStatus.PLACED).fromPrevious()).isNull();
        assertThat(stage(f, OrderStatus.ACCEPTED).fromPrevious()).isEqualByComparingTo("75.00");
        assertThat(stage(f, OrderStatus.ASSIGNED).fromPrevious()).isEqualByComparingTo("66.67");
        assertThat(stage(f, OrderStatus.DELIVERED).fromPrevious()).isEqualByComparingTo("100.00");
        assertThat(stage(f, OrderStatus.DELIVERED).fromPlaced()).isEqualByComparingTo("50.00");
        assertThat(f.zone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void stepTimesArePercentilesOfTheReportedTimesAtTheBucketResolution() {
        walk(
                "o-1",
                T,
                OrderStatus.ACCEPTED,
                2,
                OrderStatus.ASSIGNED,
                5,
                OrderStatus.OUT_FOR_DELIVERY,
                20,
                OrderStatus.DELIVERED,
                45);
        walk("o-4", T, OrderStatus.DELIVERED, 30);

        LifecycleFunnel f = funnel();

        StepDurations whole = step(f, FunnelStep.PLACED_TO_DELIVERED);
        assertThat(whole.orders()).isEqualTo(2);
        // 30 min = 1,800 s lies in the bucket 1,792..1,920 s; 45 min = 2,700 s in 2,560..2,816 s
        assertThat(whole.p50()).isEqualTo(Duration.ofSeconds(1_920));
        assertThat(whole.p90()).isEqualTo(Duration.ofSeconds(2_816));
        assertThat(whole.p99()).isEqualTo(Duration.ofSeconds(2_816));
        StepDurations kitchen = step(f, FunnelStep.ASSIGNED_TO_OUT_FOR_DELIVERY);
        assertThat(kitchen.orders()).isEqualTo(1);
        // 15 min = 900 s lies in 896..960 s
        assertThat(kitchen.p50()).isEqualTo(Duration.ofSeconds(960));
        StepDurations accepting = step(f, FunnelStep.PLACED_TO_ACCEPTED);
        assertThat(accepting.orders()).isEqualTo(1);
        assertThat(accepting.p50()).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(135));
    }

    @Test
    void percentilesOfManyOrdersAreWithinAnEighthAboveTheExactNearestRank() {
        Random random = new Random(7);
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long s = 300 + random.nextInt(3_300);
            seconds.add(s);
            a.recordAll(
                    List.of(OrderEvent.placed(pizza("o-" + i, T)), OrderEvent.delivered("o-" + i, T.plusSeconds(s))));
        }
        seconds.sort(null);
        StepDurations whole = step(funnel(), FunnelStep.PLACED_TO_DELIVERED);
        assertThat(whole.orders()).isEqualTo(500);
        for (int[] pAndRank : new int[][] {{50, 250}, {90, 450}, {99, 495}}) {
            long exact = seconds.get(pAndRank[1] - 1);
            Duration reported = pAndRank[0] == 50 ? whole.p50() : pAndRank[0] == 90 ? whole.p90() : whole.p99();
            assertThat(reported.getSeconds()).as("p%d", pAndRank[0]).isGreaterThan(exact);
            assertThat(reported.getSeconds() * 8).as("p%d", pAndRank[0]).isLessThanOrEqualTo(exact * 9 + 8);
        }
    }

    @Test
    void aCancelStopsAnOrderAtItsStageAndLaterStatusesAreIgnored() {
        walk("o-1", T, OrderStatus.ACCEPTED, 2, OrderStatus.ASSIGNED, 5);
        assertThat(stage(funnel(), OrderStatus.ASSIGNED).reached()).isEqualTo(1);

        a.record(OrderEvent.canceled("o-1", T.plusSeconds(600)));
        assertThat(a.record(OrderEvent.outForDelivery("o-1", T.plusSeconds(900))))
                .isEqualTo(RecordOutcome.IGNORED);

        LifecycleFunnel f = funnel();
        assertThat(f.stages()).extracting(StageCount::reached).containsExactly(1L, 1L, 1L, 0L, 0L);
        assertThat(f.stages()).extracting(StageCount::canceled).containsExactly(0L, 0L, 1L, 0L, 0L);
        assertThat(step(f, FunnelStep.ACCEPTED_TO_ASSIGNED).orders()).isEqualTo(1);
        assertThat(step(f, FunnelStep.ASSIGNED_TO_OUT_FOR_DELIVERY).orders()).isZero();
        assertThat(a.verify().isClean()).isTrue();
    }

    @Test
    void aLateEarlierStatusAddsItsStepTimeWithoutMovingTheOrderBack() {
        walk("o-1", T, OrderStatus.DELIVERED, 40);
        assertThat(step(funnel(), FunnelStep.PLACED_TO_ACCEPTED).orders()).isZero();

        assertThat(a.record(OrderEvent.accepted("o-1", T.plusSeconds(300)))).isEqualTo(RecordOutcome.APPLIED);
        assertThat(a.record(OrderEvent.accepted("o-1", T.plusSeconds(400)))).isEqualTo(RecordOutcome.DUPLICATE);

        LifecycleFunnel f = funnel();
        assertThat(f.stages()).extracting(StageCount::reached).containsExactly(1L, 1L, 1L, 1L, 1L);
        StepDurations accepting = step(f, FunnelStep.PLACED_TO_ACCEPTED);
        assertThat(accepting.orders()).isEqualTo(1);
        assertThat(accepting.p50()).isEqualTo(DurationBuckets.upperBound(DurationBuckets.index(300)));
        assertThat(step(f, FunnelStep.PLACED_TO_DELIVERED).orders()).isEqualTo(1);
        assertThat(a.queries().daily(DAY, DAY).get(0).ordersByStatus()).containsOnlyKeys(OrderStatus.DELIVERED);
        assertThat(a.verify().isClean()).isTrue();
    }

    @Test
    void everyOrderWithABodyIsInTheFunnelWhateverTheCountingPolicyAndOrdersAreByPlacementDay() {
        walk("o-1", T, OrderStatus.ACCEPTED, 5);
        // 23:30 in Berlin on 10 March, delivered after midnight: the order belongs to the 10th
        walk("o-2", Instant.parse("2026-03-10T22:30:00Z"), OrderStatus.DELIVERED, 50);
        a.record(OrderEvent.accepted("o-3", T)); // held: no body, no funnel row

        assertThat(stage(funnel(), OrderStatus.PLACED).reached()).isEqualTo(2);
        assertThat(stage(funnel(), OrderStatus.DELIVERED).reached()).isEqualTo(1);
        assertThat(a.funnels()
                        .lifecycle(DAY.plusDays(1), DAY.plusDays(1))
                        .stages()
                        .get(0)
                        .reached())
                .isZero();
        assertThat(a.queries().daily(DAY, DAY).get(0).orders()).isEqualTo(1); // only o-2 counts
    }

    @Test
    void recordingTheSameHistoryTwiceChangesNothing() {
        walk("o-1", T, OrderStatus.ACCEPTED, 2, OrderStatus.DELIVERED, 30);
        Delta once = store.snapshot();
        walk("o-1", T, OrderStatus.ACCEPTED, 2, OrderStatus.DELIVERED, 30);
        assertThat(store.snapshot()).isEqualTo(once);
    }

    @Test
    void aCorruptedFunnelRowIsReportedByVerifyAndRepairedByRebuild() {
        walk("o-1", T, OrderStatus.ACCEPTED, 2, OrderStatus.DELIVERED, 30);
        Delta tampered = store.snapshot();
        tampered.add(new FunnelCounters(DAY, StatusCounts.single(OrderStatus.PLACED, 3), null, null));
        store.replaceAggregates(tampered);

        var report = a.verify();
        assertThat(report.drifts()).hasSize(1);
        assertThat(report.drifts().get(0).kind()).isEqualTo("orderFunnel");
        a.rebuild();
        assertThat(a.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.ORDER_FUNNEL, "2026-03-10")
                        .orElseThrow()
                        .reached()
                        .get(OrderStatus.PLACED))
                .isEqualTo(1);
    }

    @Test
    void anEmptyRangeHasZeroStagesAndNoPercentiles() {
        LifecycleFunnel f = funnel();
        assertThat(f.stages()).extracting(StageCount::reached).containsOnly(0L);
        assertThat(f.stages()).extracting(StageCount::fromPlaced).containsOnlyNulls();
        assertThat(f.steps()).extracting(StepDurations::p50).containsOnlyNulls();
        assertThat(f.steps()).extracting(StepDurations::step).containsExactly(FunnelStep.values());
    }

    @Test
    void badRangesAndAClosedInstanceAreRefused() {
        FunnelQueries funnels = a.funnels();
        assertThatThrownBy(() -> funnels.lifecycle(DAY, DAY.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from must not be after to");
        assertThatThrownBy(() -> funnels.lifecycle(null, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> funnels.lifecycle(DAY.minusYears(11), DAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3660");
        a.close();
        assertThatThrownBy(() -> funnels.lifecycle(DAY, DAY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(a::funnels).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCountAtPlacedPolicyGivesTheSameFunnel() {
        Analytics atPlaced = Analytics.builder()
                .zone(ZONE)
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build();
        for (Analytics x : List.of(a, atPlaced)) {
            x.record(OrderEvent.placed(pizza("o-1", T)));
            x.record(OrderEvent.accepted("o-1", T.plusSeconds(90)));
            x.record(OrderEvent.canceled("o-1", T.plusSeconds(120)));
        }
        assertThat(atPlaced.funnels().lifecycle(DAY, DAY)).isEqualTo(funnel());
    }
}
