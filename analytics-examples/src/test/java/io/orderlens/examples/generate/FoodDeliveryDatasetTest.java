package io.orderlens.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.experiment.Assignment;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.experiment.VariationResult;
import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.examples.feed.EventSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoodDeliveryDatasetTest {
    private static final FoodDeliveryDataset.Spec SMALL =
            new FoodDeliveryDataset.Spec(11, LocalDate.of(2025, 3, 24), 21, 250); // spans the clock change

    private static List<OrderEvent> all(FoodDeliveryDataset.Spec spec) {
        List<OrderEvent> out = new ArrayList<>();
        EventSource source = new FoodDeliveryDataset(spec).events();
        assertThat(source.progress()).isZero();
        source.forEachRemaining(out::add);
        assertThat(source.progress()).isEqualTo(1.0);
        return out;
    }

    @Test
    void everyCustomerIsExposedOnceInTheVariationTheLibraryAssigns() {
        FoodDeliveryDataset dataset = new FoodDeliveryDataset(SMALL);
        Experiment e = dataset.experiment();
        Assignment assignment = new Assignment(e);

        List<ExposureEvent> exposures = dataset.exposures();

        assertThat(exposures).extracting(ExposureEvent::customerId).doesNotHaveDuplicates();
        assertThat(exposures.size()).isBetween(SMALL.customers() - 40, SMALL.customers());
        for (ExposureEvent x : exposures) {
            assertThat(x.variation())
                    .isEqualTo(e.variations()
                            .get(assignment.bucket(x.customerId()))
                            .key());
            assertThat(x.at()).isAfterOrEqualTo(e.start()).isBefore(SMALL.end());
        }
    }

    @Test
    void theBannerHasATrueEffectOnOrderingThatTheResultsFind() {
        FoodDeliveryDataset dataset = new FoodDeliveryDataset(FoodDeliveryDataset.Spec.defaults(42));
        Analytics analytics = Analytics.builder().zone(FoodDeliveryDataset.ZONE).build();
        analytics.experiments().define(dataset.experiment());
        analytics.experiments().transition(FoodDeliveryDataset.EXPERIMENT, ExperimentStatus.RUNNING);
        analytics.experiments().recordExposures(dataset.exposures());
        List<OrderEvent> batch = new ArrayList<>();
        dataset.events().forEachRemaining(event -> {
            batch.add(event);
            if (batch.size() == 500) {
                analytics.recordAll(batch);
                batch.clear();
            }
        });
        analytics.recordAll(batch);

        ExperimentResults r = analytics.experiments().results(FoodDeliveryDataset.EXPERIMENT);
        VariationResult control = r.variation("control");
        VariationResult banner = r.variation("banner");
        // 25% more orders built in: the measured uplift of orders per customer is clearly positive
        assertThat(banner.ordersPerUser()).isGreaterThan(control.ordersPerUser() * 1.08);
        assertThat(banner.conversion().absoluteLift()).isPositive();
        assertThat(r.sampleRatio().mismatch()).isFalse();
        assertThat(r.multipleExposureUsers()).isZero();
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOtherEvents() {
        List<OrderEvent> a = all(SMALL);
        assertThat(all(SMALL)).isEqualTo(a);
        assertThat(all(new FoodDeliveryDataset.Spec(12, SMALL.start(), SMALL.days(), SMALL.customers())))
                .isNotEqualTo(a);
    }

    @Test
    void eventsComeInTimeOrderWithinThePeriod() {
        List<OrderEvent> events = all(SMALL);
        Instant start = SMALL.start().atStartOfDay(FoodDeliveryDataset.ZONE).toInstant();
        Instant previous = Instant.MIN;
        for (OrderEvent e : events) {
            assertThat(e.at()).isAfterOrEqualTo(previous).isBefore(SMALL.end());
            assertThat(e.at()).isAfterOrEqualTo(start.minusSeconds(3 * 3600));
            previous = e.at();
        }
    }

    @Test
    void ordersWalkTheirLifecycleAndSomeAreCanceledRefundedOrSentTwice() {
        List<OrderEvent> events = all(SMALL);
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        Map<String, List<EventType>> byOrder = new HashMap<>();
        Set<OrderEvent> seen = new HashSet<>();
        long repeats = 0;
        for (OrderEvent e : events) {
            byType.merge(e.type(), 1L, Long::sum);
            byOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e.type());
            if (!seen.add(e)) {
                repeats++;
            }
        }
        assertThat(byType.keySet())
                .contains(
                        EventType.PLACED,
                        EventType.ACCEPTED,
                        EventType.ASSIGNED,
                        EventType.OUT_FOR_DELIVERY,
                        EventType.DELIVERED,
                        EventType.CANCELED,
                        EventType.REFUNDED);
        assertThat(repeats).isPositive();
        for (List<EventType> lifecycle : byOrder.values()) {
            assertThat(lifecycle.get(0)).isEqualTo(EventType.PLACED);
            if (lifecycle.contains(EventType.CANCELED)) {
                assertThat(lifecycle).doesNotContain(EventType.DELIVERED, EventType.REFUNDED);
            }
            if (lifecycle.contains(EventType.REFUNDED)) {
                assertThat(lifecycle.indexOf(EventType.REFUNDED)).isGreaterThan(lifecycle.indexOf(EventType.DELIVERED));
            }
        }
        long canceledShare = byType.get(EventType.CANCELED) * 100 / byType.get(EventType.PLACED);
        assertThat(canceledShare).isBetween(2L, 12L);
    }

    @Test
    void theLibraryAcceptsEveryEventAndItsAggregatesAgreeWithTheLedger() {
        Analytics analytics = Analytics.builder().zone(FoodDeliveryDataset.ZONE).build();
        List<OrderEvent> events = all(SMALL);
        Map<RecordOutcome, Long> outcomes = new EnumMap<>(RecordOutcome.class);
        for (int i = 0; i < events.size(); i += 100) {
            for (RecordOutcome o : analytics.recordAll(events.subList(i, Math.min(events.size(), i + 100)))) {
                outcomes.merge(o, 1L, Long::sum);
            }
        }
        long placed = events.stream().filter(e -> e.type() == EventType.PLACED).count();
        Dashboard d = analytics.queries().dashboard(SMALL.start(), SMALL.lastDay());
        assertThat(outcomes.get(RecordOutcome.DUPLICATE)).isPositive();
        assertThat(outcomes).doesNotContainKey(RecordOutcome.HELD);
        assertThat(d.orders()).isPositive().isLessThan(placed);
        assertThat(d.refunds()).isPositive();
        assertThat(d.ordersByStatus().get(OrderStatus.CANCELED)).isPositive();
        assertThat(d.salesByCountry()).hasSize(4);
        assertThat(analytics.verify().isClean()).isTrue();
    }
}
