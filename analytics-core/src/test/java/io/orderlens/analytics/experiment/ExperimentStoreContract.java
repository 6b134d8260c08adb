package io.orderlens.analytics.experiment;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FlagDayStats;
import io.orderlens.analytics.flag.FlagRule;
import io.orderlens.analytics.flag.Targeting;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.AttributedOrder;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.MutableClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What experiments need from every store: definitions shared through the store, exposures exactly once, orders
 * attributed after the first exposure and moved back exactly by refunds and cancels, and the experiment counters
 * inside verify and rebuild. A store's test extends this class and supplies a fresh, empty store per test. Shipped
 * in analytics-core's test-jar.
 */
public abstract class ExperimentStoreContract {
    protected static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected AnalyticsStore store;
    protected MutableClock clock;
    protected Analytics analytics;

    /** A fresh, empty store. Called once per test (and again for a second instance when a test asks). */
    protected abstract AnalyticsStore newStore();

    /** A second handle on the same data as {@link #store}, as another instance of the host would have. */
    protected abstract AnalyticsStore sameStoreAgain();

    @BeforeEach
    void open() {
        store = newStore();
        clock = new MutableClock(T0);
        analytics = instance(store);
    }

    @AfterEach
    void close() {
        analytics.close();
    }

    protected Analytics instance(AnalyticsStore s) {
        return Analytics.builder().store(s).zone(ZONE).clock(clock).build();
    }

    private Experiment running(String key) {
        Experiments x = analytics.experiments();
        x.define(Experiment.builder(key).variations("control", "banner").build());
        return x.transition(key, ExperimentStatus.RUNNING);
    }

    private void deliver(Order o) {
        analytics.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(o.orderId(), o.placedAt())));
    }

    @Test
    void definitionsAreSharedThroughTheStoreAndMovedByCompareAndSet() {
        analytics.experiments().define(Experiment.builder("banner").build());
        Analytics other = instance(sameStoreAgain());
        try {
            assertThat(other.experiments().find("banner"))
                    .map(Experiment::status)
                    .contains(ExperimentStatus.DRAFT);
            other.experiments().transition("banner", ExperimentStatus.RUNNING);

            assertThat(analytics.experiments().find("banner"))
                    .map(Experiment::status)
                    .contains(ExperimentStatus.RUNNING);
            assertThat(analytics.experiments().all())
                    .extracting(Experiment::key)
                    .containsExactly("banner");
            assertThatThrownBy(() -> analytics
                            .experiments()
                            .define(Experiment.builder("banner").build()))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessage("experiment 'banner' is already defined");
            assertThatThrownBy(() -> analytics.experiments().transition("banner", ExperimentStatus.DRAFT))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageContaining("cannot move from RUNNING to DRAFT");
            assertThatThrownBy(() -> analytics.experiments().transition("nope", ExperimentStatus.RUNNING))
                    .isInstanceOf(UnknownExperimentException.class)
                    .hasMessage("no experiment is defined with key 'nope'");
            assertThatThrownBy(() -> analytics.experiments().results("nope"))
                    .isInstanceOf(UnknownExperimentException.class);
        } finally {
            other.close();
        }
    }

    @Test
    void flagDefinitionsAreSharedThroughTheStoreAndEvaluatedLocally() {
        FeatureFlag flag = new FeatureFlag(
                "beta",
                true,
                "false",
                List.of(
                        FlagRule.force(
                                Targeting.attribute("role", "staff", "admin").excluding("c-9"), "true"),
                        FlagRule.rollout(Targeting.customers("c-7"), "true", 0.2)
                                .hashedWith("beta-seed", 2)));
        FeatureFlag banner = new FeatureFlag("banner-flag", true, "none", List.of(FlagRule.experiment(null, "banner")));
        running("banner");
        analytics.flags().save(flag);
        analytics.flags().save(banner);
        Analytics other = instance(sameStoreAgain());
        try {
            assertThat(other.flags().find("beta")).contains(flag);
            assertThat(other.flags().all()).containsExactly(banner, flag); // key order
            assertThat(other.flags().isOn("beta", "c-1", Map.of("role", "staff")))
                    .isTrue();
            assertThat(other.flags().isOn("beta", "c-9", Map.of("role", "staff")))
                    .isFalse();

            other.flags().save(flag.withEnabled(false));
            assertThat(analytics.flags().find("beta")).map(FeatureFlag::enabled).contains(false);
        } finally {
            other.close();
        }
        // an experiment rule serves the assigned variation and queues its exposure
        String customer = "c-500";
        String expected = analytics.experiments().assign("banner", customer);
        assertThat(analytics.flags().value("banner-flag", customer, Map.of()))
                .isEqualTo(expected)
                .isNotNull();
        assertThat(analytics.experiments().flushExposures()).isEqualTo(1);
        analytics.flags().flushStatistics();
        assertThat(analytics
                        .flags()
                        .statistics("banner-flag", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01")))
                .extracting(FlagDayStats::evaluations)
                .containsExactly(1L);
    }

    @Test
    void everyFieldOfADefinitionIsKeptExactly() {
        Experiment full = Experiment.builder("full")
                .variations("a", "b", "c")
                .weights(0.5, 0.3, 0.2)
                .coverage(0.75)
                .seed("s-1")
                .hashVersion(1)
                .namespace("checkout", 0.1, 0.6)
                .window(Instant.parse("2026-03-01T00:00:00.123456789Z"), Instant.parse("2026-04-01T00:00:00Z"))
                .attributionWindow(Duration.ofHours(36))
                .build();
        analytics.experiments().define(full);
        Analytics other = instance(sameStoreAgain());
        try {
            assertThat(other.experiments().find("full")).contains(full);
            assertThat(other.experiments().find("nope")).isEmpty();
        } finally {
            other.close();
        }
    }

    @Test
    void theFirstExposureWinsAndASecondVariationExcludesTheCustomer() {
        running("banner");
        Experiments x = analytics.experiments();

        assertThat(x.recordExposure("banner", "c-1", "banner", T0)).isEqualTo(Exposure.Outcome.FIRST);
        assertThat(x.recordExposure("banner", "c-1", "banner", T0.plusSeconds(5)))
                .isEqualTo(Exposure.Outcome.DUPLICATE);
        assertThat(x.recordExposure("banner", "c-2", "control", T0)).isEqualTo(Exposure.Outcome.FIRST);
        assertThat(x.recordExposure("banner", "c-3", "control", T0)).isEqualTo(Exposure.Outcome.FIRST);
        assertThat(x.recordExposure("banner", "c-3", "banner", T0)).isEqualTo(Exposure.Outcome.MULTIPLE);
        assertThat(x.recordExposure("banner", "c-3", "control", T0)).isEqualTo(Exposure.Outcome.DUPLICATE);

        ExperimentResults r = x.results("banner");
        assertThat(r.variation("control").exposedUsers()).isEqualTo(1);
        assertThat(r.variation("banner").exposedUsers()).isEqualTo(1);
        assertThat(r.multipleExposureUsers()).isEqualTo(1);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void exposuresAreAdmittedOnlyWhileRunningAndPausingKeepsThem() {
        Experiments x = analytics.experiments();
        x.define(Experiment.builder("banner").build());
        assertThatThrownBy(() -> x.recordExposure("banner", "c-1", "control", T0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("it is DRAFT");
        x.transition("banner", ExperimentStatus.RUNNING);
        x.recordExposure("banner", "c-1", "control", T0);
        x.transition("banner", ExperimentStatus.PAUSED);

        assertThatThrownBy(() -> x.recordExposure("banner", "c-2", "control", T0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("it is PAUSED");
        assertThatThrownBy(() -> x.recordExposure("banner", "c-2", "purple", T0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("has no variation 'purple'");
        assertThat(x.assign("banner", "c-9")).isNull();
        assertThat(x.results("banner").variation("control").exposedUsers()).isEqualTo(1);
    }

    @Test
    void ordersAfterTheFirstExposureCountAndRefundsAndCancelsMoveThemBackExactly() {
        running("banner");
        Experiments x = analytics.experiments();
        deliver(order("o-before", "c-1", T0.minusSeconds(60), line("p", "food", 1, "9.99")));
        x.recordExposure("banner", "c-1", "banner", T0);
        x.recordExposure("banner", "c-2", "banner", T0);
        x.recordExposure("banner", "c-3", "control", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 2, "10.005"), line("q", "drink", 1, "3")));
        deliver(order("o-2", "c-1", T0.plusSeconds(120), line("p", "food", 1, "10.005")));
        deliver(order("o-3", "c-2", T0.plusSeconds(60), line("q", "drink", 1, "3")));
        deliver(order("o-4", "c-3", T0.plusSeconds(60), line("q", "drink", 4, "3")));

        ExperimentResults r = x.results("banner");
        VariationResult banner = r.variation("banner");
        assertThat(banner.exposedUsers()).isEqualTo(2);
        assertThat(banner.convertedUsers()).isEqualTo(2);
        // c-1: 23.01 + 10.005 (o-before does not count), c-2: 3 → 36.015 over 3 orders and 2 customers
        assertThat(banner.netRevenuePerUser()).isEqualByComparingTo("18.0075");
        assertThat(banner.averageOrderValue()).isEqualByComparingTo("12.005");
        assertThat(r.variation("control").netRevenuePerUser()).isEqualByComparingTo("12");

        analytics.record(OrderEvent.refunded(
                Refund.ofLines("rf-1", "o-1", T0.plusSeconds(600), List.of(RefundLine.of("p", 1)))));
        analytics.record(OrderEvent.refunded(Refund.full("rf-3", "o-3", T0.plusSeconds(600))));
        analytics.record(OrderEvent.canceled("o-4", T0.plusSeconds(600)));

        ExperimentResults after = x.results("banner");
        assertThat(after.variation("banner").convertedUsers()).isEqualTo(1);
        // c-1: 23.01 − 10.005 + 10.005 = 23.01 over 2 orders; c-2 fully refunded: 0 orders, 0 revenue
        assertThat(after.variation("banner").netRevenuePerUser()).isEqualByComparingTo("11.505");
        assertThat(after.variation("banner").ordersPerUser()).isEqualTo(1.0);
        assertThat(after.variation("control").convertedUsers()).isZero();
        assertThat(after.variation("control").netRevenuePerUser()).isEqualByComparingTo("0");
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void anExposureRecordedAfterAnOrderCountedDoesNotAttributeThatOrderEvenIfTheOrderWasPlacedAfterIt() {
        running("late");
        Experiments x = analytics.experiments();
        deliver(order("o-counted-first", "c-1", T0.plusSeconds(60), line("p", "food", 1, "4")));

        x.recordExposure("late", "c-1", "banner", T0);
        deliver(order("o-after", "c-1", T0.plusSeconds(120), line("p", "food", 1, "6")));

        VariationResult banner = x.results("late").variation("banner");
        assertThat(banner.exposedUsers()).isEqualTo(1);
        assertThat(banner.ordersPerUser())
                .as("only the order counted after the exposure was recorded")
                .isEqualTo(1.0);
        assertThat(banner.netRevenuePerUser()).isEqualByComparingTo("6");
        analytics.record(OrderEvent.canceled("o-counted-first", T0.plusSeconds(600)));
        assertThat(x.results("late").variation("banner").netRevenuePerUser()).isEqualByComparingTo("6");
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void ordersOutsideTheAttributionWindowDoNotCount() {
        Experiments x = analytics.experiments();
        x.define(Experiment.builder("w").attributionWindow(Duration.ofDays(1)).build());
        x.transition("w", ExperimentStatus.RUNNING);
        x.recordExposure("w", "c-1", "control", T0);
        deliver(order("o-in", "c-1", T0.plusSeconds(3600), line("p", "food", 1, "5")));
        deliver(order("o-out", "c-1", T0.plus(Duration.ofDays(2)), line("p", "food", 1, "7")));

        VariationResult control = x.results("w").variation("control");
        assertThat(control.ordersPerUser()).isEqualTo(1.0);
        assertThat(control.netRevenuePerUser()).isEqualByComparingTo("5");
    }

    @Test
    void experimentRowsAreReadByTheirKeyAndScannedByExperiment() {
        running("a");
        running("b");
        analytics.experiments().recordExposure("a", "c|1:x", "banner", T0);
        analytics.experiments().recordExposure("b", "c-2", "control", T0);
        String key = Aggregate.customerItemKey("a", "c|1:x");

        assertThat(store.get(Aggregate.EXPERIMENT_CUSTOMERS, key))
                .get()
                .isEqualTo(new ExperimentCustomerCounters("a", "c|1:x", 1, 1, 0, 0, 0));
        assertThat(store.read(Aggregate.EXPERIMENT_CUSTOMERS, List.of(key, "nope")))
                .containsOnlyKeys(key);
        List<ExperimentCustomerCounters> ofB = new ArrayList<>();
        store.scan(Aggregate.EXPERIMENT_CUSTOMERS, Scan.partition("b"), ofB::add);
        assertThat(ofB).extracting(ExperimentCustomerCounters::customerId).containsExactly("c-2");
    }

    @Test
    void experimentCountersAreVerifiedAndRebuiltFromTheLedger() {
        running("banner");
        analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
        analytics.experiments().recordExposure("banner", "c-2", "control", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "4.50")));
        ExperimentResults before = analytics.experiments().results("banner");

        store.replaceAggregates(new Delta());
        assertThat(analytics.verify().drifts()).extracting(d -> d.kind()).contains("experimentCustomer");
        analytics.rebuild();

        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(analytics.experiments().results("banner")).isEqualTo(before);
    }

    @Test
    void concurrentInstancesRecordEachExposureOnce() throws Exception {
        running("banner");
        List<Analytics> instances = List.of(analytics, instance(sameStoreAgain()), instance(sameStoreAgain()));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Analytics a : instances) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        String v = i % 3 == 0 ? "control" : "banner";
                        a.experiments().recordExposure("banner", "c-" + i, v, T0);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            instances.subList(1, 3).forEach(Analytics::close);
        }
        ExperimentResults r = analytics.experiments().results("banner");
        assertThat(r.variation("control").exposedUsers()).isEqualTo(20);
        assertThat(r.variation("banner").exposedUsers()).isEqualTo(40);
        assertThat(r.multipleExposureUsers()).isZero();
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void assignMatchesGrowthBookBucketingAndQueuesOneExposurePerCustomer() {
        Experiment e = running("banner");
        Experiments x = analytics.experiments();
        Assignment expected = new Assignment(e);
        int[] assigned = new int[2];
        for (int i = 0; i < 200; i++) {
            String v = x.assign("banner", "c-" + i);
            assertThat(v)
                    .isEqualTo(e.variations().get(expected.bucket("c-" + i)).key());
            assertThat(x.assign("banner", "c-" + i)).isEqualTo(v);
            assigned[e.indexOf(v)]++;
        }
        assertThat(x.flushExposures()).isEqualTo(200);
        assertThat(x.flushExposures()).isZero();

        ExperimentResults r = x.results("banner");
        assertThat(r.variation("control").exposedUsers()).isEqualTo(assigned[0]);
        assertThat(r.variation("banner").exposedUsers()).isEqualTo(assigned[1]);
        assertThatThrownBy(() -> x.assign("nope", "c-1")).isInstanceOf(UnknownExperimentException.class);
    }

    @Test
    void resultsMatchAnIndependentFoldOfTheSameCustomers() {
        running("banner");
        Experiments x = analytics.experiments();
        long[] exposed = new long[2];
        long[] converted = new long[2];
        BigDecimal[] revenue = {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] squares = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = 0; i < 120; i++) {
            String customer = "c-" + i;
            int v = i % 2;
            x.recordExposure("banner", customer, v == 0 ? "control" : "banner", T0);
            exposed[v]++;
            int orders = (i * 7) % (v == 0 ? 3 : 4);
            BigDecimal spent = BigDecimal.ZERO;
            for (int k = 0; k < orders; k++) {
                BigDecimal price = new BigDecimal("4.25").add(BigDecimal.valueOf(i % 5));
                deliver(order(
                        "o-" + i + "-" + k,
                        customer,
                        T0.plusSeconds(60 + k),
                        line("p", "food", 1, price.toPlainString())));
                spent = spent.add(price);
            }
            converted[v] += orders > 0 ? 1 : 0;
            revenue[v] = revenue[v].add(spent);
            squares[v] = squares[v].add(spent.multiply(spent));
        }
        ExperimentResults expected = ExperimentResults.of(
                x.find("banner").orElseThrow(),
                List.of(
                        new VariationTotals("control", exposed[0], converted[0], 0, revenue[0], squares[0]),
                        new VariationTotals("banner", exposed[1], converted[1], 0, revenue[1], squares[1])),
                0);

        ExperimentResults actual = x.results("banner");
        VariationResult a = actual.variation("banner");
        VariationResult e = expected.variation("banner");
        assertThat(a.convertedUsers()).isEqualTo(e.convertedUsers());
        assertThat(a.netRevenuePerUser()).isEqualByComparingTo(e.netRevenuePerUser());
        assertThat(a.conversion()).isEqualTo(e.conversion());
        assertThat(a.revenuePerUser()).isEqualTo(e.revenuePerUser());
        assertThat(actual.sampleRatio()).isEqualTo(expected.sampleRatio());
    }

    @Test
    void completingFreezesTheResultsWhileTheLiveCountersKeepFollowingRefundsAndCancels() {
        running("banner");
        Experiments x = analytics.experiments();
        x.recordExposure("banner", "c-1", "banner", T0);
        x.recordExposure("banner", "c-2", "control", T0);
        x.recordExposure("banner", "c-3", "banner", T0);
        x.recordExposure("banner", "c-3", "control", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 2, "10.005")));
        deliver(order("o-2", "c-2", T0.plusSeconds(60), line("q", "drink", 1, "3")));
        ExperimentResults atCompletion = x.results("banner");
        assertThat(atCompletion.frozen()).isFalse();

        clock.advance(Duration.ofMinutes(5));
        x.transition("banner", ExperimentStatus.COMPLETED);
        analytics.record(OrderEvent.refunded(
                Refund.ofLines("rf-1", "o-1", T0.plusSeconds(600), List.of(RefundLine.of("p", 1)))));
        analytics.record(OrderEvent.canceled("o-2", T0.plusSeconds(600)));

        ExperimentResults frozen = x.results("banner");
        assertThat(frozen.frozen()).isTrue();
        assertThat(frozen.frozenAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(frozen.experiment().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(frozen.variations()).isEqualTo(atCompletion.variations());
        assertThat(frozen.multipleExposureUsers()).isEqualTo(1);
        assertThat(frozen.sampleRatio()).isEqualTo(atCompletion.sampleRatio());
        assertThat(frozen.variation("banner").netRevenuePerUser()).isEqualByComparingTo("20.01");
        assertThat(frozen.variation("control").convertedUsers()).isEqualTo(1);

        assertThat(store.get(Aggregate.EXPERIMENT_CUSTOMERS, Aggregate.customerItemKey("banner", "c-1")))
                .get()
                .extracting(ExperimentCustomerCounters::netRevenue)
                .as("the live counter follows the refund: 20.01 - 10.005, in 1/10,000")
                .isEqualTo(100_050L);
        assertThat(store.get(Aggregate.EXPERIMENT_CUSTOMERS, Aggregate.customerItemKey("banner", "c-2")))
                .get()
                .extracting(ExperimentCustomerCounters::orders)
                .isEqualTo(0L);
        assertThat(analytics.verify().isClean()).isTrue();
        analytics.rebuild();
        assertThat(x.results("banner")).isEqualTo(frozen);
    }

    @Test
    void anotherInstanceAndARestartedOneReadTheSameFrozenResults() {
        running("banner");
        Experiments x = analytics.experiments();
        x.recordExposure("banner", "c-1", "banner", T0);
        x.recordExposure("banner", "c-2", "control", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 3, "7.3333")));
        x.transition("banner", ExperimentStatus.PAUSED);
        ExperimentResults completed = x.results("banner");
        x.transition("banner", ExperimentStatus.COMPLETED);
        analytics.record(OrderEvent.refunded(Refund.full("rf-1", "o-1", T0.plusSeconds(600))));

        Analytics other = instance(sameStoreAgain());
        try {
            ExperimentResults seen = other.experiments().results("banner");
            assertThat(seen).isEqualTo(x.results("banner"));
            assertThat(seen.frozen()).isTrue();
            assertThat(seen.variations()).isEqualTo(completed.variations());
            assertThat(seen.variation("banner").netRevenuePerUser()).isEqualByComparingTo("21.9999");
            assertThat(other.experiments().find("banner"))
                    .map(Experiment::status)
                    .contains(ExperimentStatus.COMPLETED);
        } finally {
            other.close();
        }
        analytics.close();
        analytics = instance(sameStoreAgain());
        assertThat(analytics.experiments().results("banner").variations()).isEqualTo(completed.variations());
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void resultsOfARunningOrPausedExperimentAreLive() {
        running("banner");
        Experiments x = analytics.experiments();
        x.recordExposure("banner", "c-1", "banner", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "8")));
        x.transition("banner", ExperimentStatus.PAUSED);
        analytics.record(OrderEvent.refunded(Refund.full("rf-1", "o-1", T0.plusSeconds(600))));

        ExperimentResults paused = x.results("banner");
        assertThat(paused.frozen()).isFalse();
        assertThat(paused.frozenAt()).isNull();
        assertThat(paused.variation("banner").convertedUsers()).isZero();
    }

    @Test
    void onlyOneInstanceCompletesAnExperimentAndItsSnapshotStays() {
        running("banner");
        analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
        Analytics other = instance(sameStoreAgain());
        try {
            analytics.experiments().transition("banner", ExperimentStatus.COMPLETED);
            ExperimentResults frozen = analytics.experiments().results("banner");
            analytics.record(OrderEvent.placed(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "5"))));

            assertThatThrownBy(() -> other.experiments().transition("banner", ExperimentStatus.COMPLETED))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageContaining("cannot move from COMPLETED to COMPLETED");
            assertThat(other.experiments().results("banner")).isEqualTo(frozen);
            assertThat(frozen.variation("banner").exposedUsers()).isEqualTo(1);
        } finally {
            other.close();
        }
    }

    /**
     * The results folded customer by customer from the experiment × customer rows, which come from the order entries
     * (not from the exposure entries the per-variation rows come from): the independent reference of the tests below.
     */
    private ExperimentResults foldOfCustomerRows(String key) {
        Experiment experiment = analytics.experiments().find(key).orElseThrow();
        int n = experiment.variations().size();
        long[] exposed = new long[n];
        long[] converted = new long[n];
        long[] orders = new long[n];
        BigDecimal[] revenue = new BigDecimal[n];
        BigDecimal[] squares = new BigDecimal[n];
        java.util.Arrays.fill(revenue, BigDecimal.ZERO);
        java.util.Arrays.fill(squares, BigDecimal.ZERO);
        long[] multiple = new long[1];
        store.scan(Aggregate.EXPERIMENT_CUSTOMERS, Scan.partition(key), row -> {
            if (row.multiple() > 0) {
                multiple[0]++;
            } else if (row.exposed() > 0) {
                int v = row.variation();
                BigDecimal r = BigDecimal.valueOf(row.netRevenue(), 4);
                exposed[v]++;
                converted[v] += row.orders() > 0 ? 1 : 0;
                orders[v] += row.orders();
                revenue[v] = revenue[v].add(r);
                squares[v] = squares[v].add(r.multiply(r));
            }
        });
        List<VariationTotals> totals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            totals.add(new VariationTotals(
                    experiment.variations().get(i).key(), exposed[i], converted[i], orders[i], revenue[i], squares[i]));
        }
        return ExperimentResults.of(experiment, totals, multiple[0]);
    }

    private List<ExperimentVariationCounters> variationRows(String key) {
        List<ExperimentVariationCounters> rows = new ArrayList<>();
        store.scan(Aggregate.EXPERIMENT_VARIATIONS, Scan.partition(key), rows::add);
        return rows;
    }

    @Test
    void resultsAreReadFromOneRowPerVariationAndEqualAFoldOfEveryCustomerThroughRefundsCancelsAndSecondExposures() {
        analytics
                .experiments()
                .define(Experiment.builder("banner")
                        .variations("control", "banner", "big-banner")
                        .build());
        analytics.experiments().transition("banner", ExperimentStatus.RUNNING);
        Experiments x = analytics.experiments();
        for (int i = 0; i < 40; i++) {
            x.recordExposure(
                    "banner",
                    "c-" + i,
                    List.of("control", "banner", "big-banner").get(i % 3),
                    T0);
            for (int k = 0; k < i % 4; k++) {
                deliver(order(
                        "o-" + i + "-" + k,
                        "c-" + i,
                        T0.plusSeconds(60 + k),
                        line("p", "food", 1 + k, "3.3333"),
                        line("q", "drink", 1, "0.0001")));
            }
        }
        analytics.record(OrderEvent.refunded(
                Refund.ofLines("rf-1", "o-1-0", T0.plusSeconds(900), List.of(RefundLine.of("p", 1)))));
        analytics.record(OrderEvent.refunded(Refund.full("rf-2", "o-2-1", T0.plusSeconds(900))));
        analytics.record(OrderEvent.canceled("o-3-2", T0.plusSeconds(900)));
        x.recordExposure("banner", "c-5", "control", T0.plusSeconds(1000)); // c-5 saw big-banner first
        deliver(order("o-5-late", "c-5", T0.plusSeconds(1100), line("p", "food", 9, "1")));

        ExperimentResults results = x.results("banner");
        assertThat(variationRows("banner")).hasSizeLessThanOrEqualTo(4);
        assertThat(results).isEqualTo(foldOfCustomerRows("banner"));
        assertThat(results.multipleExposureUsers()).isEqualTo(1);
        assertThat(results.variation("banner").convertedUsers()).isEqualTo(10);
        assertThat(analytics.verify().isClean()).isTrue();

        analytics.rebuild();
        assertThat(x.results("banner")).isEqualTo(results);
    }

    @Test
    void sumsOfSquaredRevenuePerCustomerStayExactBeyondTheRangeOfALong() {
        running("banner");
        analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
        deliver(order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "4000000")));
        deliver(order("o-2", "c-1", T0.plusSeconds(120), line("p", "food", 3, "1000000.0001")));

        // 7,000,000.0003 is 70,000,000,003 units of 1/10,000; its square passes 2^63 about 530 times
        BigInteger units = BigInteger.valueOf(70_000_000_003L);
        assertThat(store.get(Aggregate.EXPERIMENT_VARIATIONS, Aggregate.customerItemKey("banner", "1"))
                        .orElseThrow()
                        .netRevenueSquares())
                .isEqualTo(units.multiply(units));
        assertThat(analytics.experiments().results("banner")).isEqualTo(foldOfCustomerRows("banner"));

        analytics.record(OrderEvent.refunded(Refund.full("rf-1", "o-1", T0.plusSeconds(600))));
        BigInteger left = BigInteger.valueOf(30_000_000_003L);
        assertThat(store.get(Aggregate.EXPERIMENT_VARIATIONS, Aggregate.customerItemKey("banner", "1"))
                        .orElseThrow()
                        .netRevenueSquares())
                .isEqualTo(left.multiply(left));
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void anOrderWhoseExposureChangedUnderItsWriteSettlesItsShareInTheNextRound() {
        running("banner");
        analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
        Analytics other = instance(sameStoreAgain());
        boolean[] raced = new boolean[1];
        Analytics racing = instance(new ForwardingAnalyticsStore(store) {
            @Override
            public ApplyResult apply(StoreBatch batch) {
                if (!raced[0] && batch.changes().stream().anyMatch(c -> c.key().startsWith("x:"))) {
                    raced[0] = true; // another instance attributes another order of the customer meanwhile
                    other.recordAll(List.of(
                            OrderEvent.placed(order("o-2", "c-1", T0.plusSeconds(90), line("q", "drink", 2, "4"))),
                            OrderEvent.delivered("o-2", T0.plusSeconds(90))));
                }
                return super.apply(batch);
            }
        });
        try {
            Order o1 = order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "10"));
            racing.recordAll(List.of(OrderEvent.placed(o1), OrderEvent.delivered("o-1", T0.plusSeconds(60))));

            assertThat(raced[0]).isTrue();
            LedgerEntry exposure =
                    store.ledger(List.of(Exposure.ledgerKey("banner", "c-1"))).get(Exposure.ledgerKey("banner", "c-1"));
            assertThat(exposure.attributed())
                    .extracting(AttributedOrder::orderId, AttributedOrder::netRevenue)
                    .containsExactlyInAnyOrder(tuple("o-2", 80_000L), tuple("o-1", 100_000L));
            ExperimentResults results = analytics.experiments().results("banner");
            assertThat(results).isEqualTo(foldOfCustomerRows("banner"));
            assertThat(results.variation("banner").ordersPerUser()).isEqualTo(2.0);
            assertThat(analytics.verify().isClean()).isTrue();
        } finally {
            racing.close();
            other.close();
        }
    }

    @Test
    void anOrderWhoseShareCouldNotBeSettledFailsAndRecordingItAgainCompletesIt() {
        running("banner");
        analytics.experiments().recordExposure("banner", "c-1", "banner", T0);
        boolean[] losing = {true};
        Analytics unlucky = instance(new ForwardingAnalyticsStore(store) {
            @Override
            public ApplyResult apply(StoreBatch batch) {
                if (!losing[0]) {
                    return super.apply(batch);
                }
                // every exposure change loses its compare-and-set, as if other writers kept changing the entry
                Set<String> lost = new HashSet<>();
                List<LedgerChange> kept = new ArrayList<>();
                for (LedgerChange c : batch.changes()) {
                    if (c.key().startsWith("x:")) {
                        lost.add(c.key());
                    } else {
                        kept.add(c);
                    }
                }
                Set<String> conflicts = new HashSet<>(lost);
                if (!kept.isEmpty()) {
                    conflicts.addAll(
                            super.apply(new StoreBatch(batch.batchId(), kept)).conflicts());
                }
                return new ApplyResult(conflicts);
            }
        });
        try {
            Order o1 = order("o-1", "c-1", T0.plusSeconds(60), line("p", "food", 1, "10"));
            List<OrderEvent> events = List.of(OrderEvent.placed(o1), OrderEvent.delivered("o-1", T0.plusSeconds(60)));
            assertThatThrownBy(() -> unlucky.recordAll(events))
                    .isInstanceOf(ConcurrentUpdateException.class)
                    .hasMessageContaining("recording its events again completes it");
            assertThat(analytics
                            .experiments()
                            .results("banner")
                            .variation("banner")
                            .convertedUsers())
                    .isZero();
            assertThat(foldOfCustomerRows("banner").variation("banner").convertedUsers())
                    .isEqualTo(1);

            losing[0] = false;
            unlucky.recordAll(events);
            assertThat(analytics.experiments().results("banner")).isEqualTo(foldOfCustomerRows("banner"));
            assertThat(analytics
                            .experiments()
                            .results("banner")
                            .variation("banner")
                            .convertedUsers())
                    .isEqualTo(1);
            assertThat(analytics.verify().isClean()).isTrue();
        } finally {
            unlucky.close();
        }
    }

    @Test
    void concurrentInstancesAttributingOrdersOfTheSameCustomersKeepExactVariationTotals() throws Exception {
        running("banner");
        for (int c = 0; c < 6; c++) {
            analytics.experiments().recordExposure("banner", "c-" + c, c % 2 == 0 ? "control" : "banner", T0);
        }
        List<Analytics> instances = List.of(analytics, instance(sameStoreAgain()), instance(sameStoreAgain()));
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < instances.size(); n++) {
                Analytics a = instances.get(n);
                int instance = n;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 12; k++) {
                        List<OrderEvent> batch = new ArrayList<>();
                        for (int c = 0; c < 6; c++) {
                            Order o = order(
                                    "o-" + instance + "-" + k + "-" + c,
                                    "c-" + c,
                                    T0.plusSeconds(60 + k),
                                    line("p", "food", 1 + c, "2.5"));
                            batch.add(OrderEvent.placed(o));
                            batch.add(OrderEvent.delivered(o.orderId(), o.placedAt()));
                        }
                        if (k % 4 == 3) {
                            batch.add(OrderEvent.refunded(Refund.full(
                                    "rf-" + instance + "-" + k, "o-" + instance + "-" + (k - 1) + "-1", T0)));
                        }
                        recordUntilWritten(a, batch);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            instances.subList(1, instances.size()).forEach(Analytics::close);
        }
        ExperimentResults results = analytics.experiments().results("banner");
        assertThat(results).isEqualTo(foldOfCustomerRows("banner"));
        // every customer has 36 orders; c-1's 9 fully refunded ones leave 27 (3 instances × 3 refunds)
        assertThat(results.variation("banner").ordersPerUser()).isEqualTo((27 + 36 + 36) / 3.0);
        for (int c = 0; c < 6; c++) {
            String key = Exposure.ledgerKey("banner", "c-" + c);
            assertThat(store.ledger(List.of(key)).get(key).attributed()).hasSize(36);
        }
        assertThat(analytics.verify().isClean()).isTrue();
    }

    /** Records {@code events} again while concurrent writers keep one of their entries changing, as a host would. */
    private static void recordUntilWritten(Analytics a, List<OrderEvent> events) {
        for (int attempt = 0; ; attempt++) {
            try {
                a.recordAll(events);
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }
}
