package io.orderlens.analytics.spi;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.BeyondRetentionException;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.ErasureReport;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.internal.Contributions;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.testing.MutableClock;
import io.orderlens.analytics.testing.StoreReads;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ledger retention on a store: compaction keeps every total, verify and rebuild work from the baseline plus the
 * ledger, late events for compacted orders have the documented outcome. Every store that supports compaction
 * extends it and supplies a fresh store; each history is also recorded into an in-memory reference that is never
 * compacted. Shipped in analytics-core's test-jar.
 */
public abstract class LedgerRetentionContract {
    protected static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    protected static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    protected static final Instant HORIZON = T0.plus(Duration.ofDays(30));

    protected AnalyticsStore store;
    protected MutableClock clock;
    protected Analytics analytics;
    private Analytics reference;
    private AnalyticsStore referenceStore;

    /** A fresh, empty store. Called once per test. */
    protected abstract AnalyticsStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        clock = new MutableClock(T0);
        analytics = Analytics.builder().store(store).zone(ZONE).clock(clock).build();
        referenceStore = new InMemoryAnalyticsStore();
        reference = Analytics.builder()
                .store(referenceStore)
                .zone(ZONE)
                .clock(clock)
                .build();
    }

    @AfterEach
    void close() {
        analytics.close();
        reference.close();
    }

    /** Records {@code event} at {@code at} on the store under test and on the reference. */
    protected RecordOutcome record(Instant at, OrderEvent event) {
        clock.set(at);
        RecordOutcome outcome = analytics.record(event);
        assertThat(reference.record(event)).isEqualTo(outcome);
        return outcome;
    }

    private void deliver(Order o, Instant at) {
        record(o.placedAt(), OrderEvent.placed(o));
        record(at, OrderEvent.delivered(o.orderId(), at));
    }

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    /**
     * Settled before the horizon: o-1 delivered, o-2 delivered and partly refunded, o-3 canceled, o-4 fully
     * refunded, standalone refund r-1. Not final: o-5 out for delivery since day 2, o-6 delivered on day 100, a
     * status of o-7 whose body never came.
     */
    protected void mixedHistory() {
        deliver(order("o-1", "c-1", T0, line("pizza", "mains", 2, "12.50")), day(0).plusSeconds(3600));
        deliver(
                order("o-2", "c-1", T0, line("pizza", "mains", 1, "12.50"), line("cola", "drinks", 3, "2.001")),
                day(1));
        record(day(2), OrderEvent.refunded(Refund.ofLines("rf-2", "o-2", day(2), List.of(RefundLine.of("cola", 1)))));
        Order o3 = order("o-3", "c-2", day(1), line("salad", "starters", 1, "7"));
        record(day(1), OrderEvent.placed(o3));
        record(day(1), OrderEvent.canceled("o-3", day(1)));
        deliver(order("o-4", "c-2", day(1), "FR", line("pizza", "mains", 1, "12.50")), day(1));
        record(day(3), OrderEvent.refunded(Refund.full("rf-4", "o-4", day(3))));
        record(
                day(3),
                OrderEvent.refunded(Refund.standalone(
                        "r-1",
                        "c-3",
                        day(3),
                        List.of(new RefundLine("cola", 1, new BigDecimal("2"), "drinks")),
                        "DE")));
        Order o5 = order("o-5", "c-3", day(2), line("pizza", "mains", 4, "12.50"));
        record(day(2), OrderEvent.placed(o5));
        record(day(2), OrderEvent.outForDelivery("o-5", day(2)));
        record(day(4), OrderEvent.accepted("o-7", day(4)));
        deliver(order("o-6", "c-1", day(100), line("cola", "drinks", 2, "2.001")), day(100));
        clock.set(day(120));
    }

    protected static Set<Counters> rows(Delta d) {
        Set<Counters> out = new HashSet<>();
        d.withoutZeros().forEach(CounterSink.each(out::add));
        return out;
    }

    /** Every aggregate row of the store under test equals the never-compacted reference's. */
    protected void assertTotalsMatchTheReference() {
        assertThat(rows(store.snapshot())).isEqualTo(rows(referenceStore.snapshot()));
    }

    @Test
    @DisplayName("compaction removes exactly the final entries and leaves every aggregate as it was")
    void compactionKeepsEveryTotal() {
        mixedHistory();
        Set<Counters> before = rows(store.snapshot());

        CompactionReport report = analytics.compact(HORIZON);

        assertThat(report.compacted()).isEqualTo(5);
        assertThat(report.skipped()).isZero();
        assertThat(report.horizon()).isEqualTo(HORIZON);
        assertThat(store.ledger(List.of("o:o-1", "o:o-2", "o:o-3", "o:o-4", "r:r-1")))
                .isEmpty();
        assertThat(store.ledger(List.of("o:o-5", "o:o-6", "o:o-7"))).containsOnlyKeys("o:o-5", "o:o-6", "o:o-7");
        assertThat(rows(store.snapshot())).isEqualTo(before);
        assertTotalsMatchTheReference();
        assertThat(analytics.verify().drifts()).isEmpty();
        assertThat(analytics.queries().customer("c-1"))
                .isEqualTo(reference.queries().customer("c-1"));
    }

    @Test
    @DisplayName("the baseline holds exactly the contributions of the compacted entries")
    void theBaselineIsTheSumOfTheCompactedContributions() {
        mixedHistory();
        List<LedgerEntry> compacted = new ArrayList<>(store.ledger(List.of("o:o-1", "o:o-2", "o:o-3", "o:o-4", "r:r-1"))
                .values());

        analytics.compact(HORIZON);

        Delta expected = new Delta();
        compacted.forEach(e -> Contributions.addTo(expected, e, 1));
        assertThat(rows(store.baseline())).isEqualTo(rows(expected));
    }

    @Test
    @DisplayName("two compactions of entries read before either ran compact each entry once")
    void overlappingCompactionsCountEachEntryOnce() {
        mixedHistory();
        List<String> keys = List.of("o:o-1", "o:o-2", "o:o-3", "o:o-4", "r:r-1");
        Map<String, LedgerEntry> read = store.ledger(keys);
        List<LedgerEntry> first = List.of(read.get("o:o-1"), read.get("o:o-2"), read.get("o:o-3"));
        List<LedgerEntry> second = List.of(read.get("o:o-2"), read.get("o:o-3"), read.get("o:o-4"), read.get("r:r-1"));
        Set<Counters> aggregates = rows(store.snapshot());

        ApplyResult a = store.compact(new StoreBatch("compaction-a", compactions(first)));
        ApplyResult b = store.compact(new StoreBatch("compaction-b", compactions(second)));

        assertThat(a.conflicts()).isEmpty();
        assertThat(b.conflicts()).containsExactlyInAnyOrder("o:o-2", "o:o-3");
        assertThat(store.ledger(keys)).isEmpty();
        Delta expected = new Delta();
        read.values().forEach(e -> Contributions.addTo(expected, e, 1));
        assertThat(rows(store.baseline())).isEqualTo(rows(expected));
        assertThat(rows(store.snapshot())).isEqualTo(aggregates);
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    /** Compaction changes of {@code entries} as read: each moves to its next version with its whole contribution. */
    private static List<LedgerChange> compactions(List<LedgerEntry> entries) {
        List<LedgerChange> changes = new ArrayList<>();
        for (LedgerEntry e : entries) {
            changes.add(new LedgerChange(e, e.withVersion(e.version() + 1), Contributions.change(null, e)));
        }
        return changes;
    }

    @Test
    @DisplayName("compacting again, or with an earlier horizon, changes nothing; the horizon never moves back")
    void compactionIsIdempotent() {
        mixedHistory();
        analytics.compact(HORIZON);
        Set<Counters> baseline = rows(store.baseline());
        Set<Counters> aggregates = rows(store.snapshot());

        CompactionReport again = analytics.compact(HORIZON);
        CompactionReport earlier = analytics.compact(T0);

        assertThat(again.compacted()).isZero();
        assertThat(earlier.compacted()).isZero();
        assertThat(earlier.horizon()).isEqualTo(HORIZON);
        assertThat(rows(store.baseline())).isEqualTo(baseline);
        assertThat(rows(store.snapshot())).isEqualTo(aggregates);
    }

    @Test
    @DisplayName("after compaction, rebuild restores corrupted aggregates from the baseline plus the ledger")
    void rebuildAfterCompactionUsesTheBaseline() {
        mixedHistory();
        analytics.compact(HORIZON);
        Set<Counters> good = rows(store.snapshot());

        store.replaceAggregates(new Delta());
        assertThat(analytics.verify().isClean()).isFalse();
        analytics.rebuild();

        assertThat(rows(store.snapshot())).isEqualTo(good);
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("late events for compacted orders are refused with BeyondRetentionException and change nothing")
    void lateEventsForCompactedOrdersAreRefused() {
        mixedHistory();
        analytics.compact(HORIZON);
        Set<Counters> before = rows(store.snapshot());

        assertThatThrownBy(() -> analytics.record(OrderEvent.refunded(Refund.full("rf-1", "o-1", day(119)))))
                .isInstanceOf(BeyondRetentionException.class)
                .hasMessageContaining("o-1")
                .hasMessageContaining("standalone refund");
        assertThatThrownBy(() -> analytics.record(
                        OrderEvent.placed(order("o-1", "c-1", T0, line("pizza", "mains", 2, "12.50")))))
                .isInstanceOf(BeyondRetentionException.class);
        assertThatThrownBy(() -> analytics.record(OrderEvent.delivered("o-3", day(1))))
                .isInstanceOf(BeyondRetentionException.class);
        assertThatThrownBy(() -> analytics.record(OrderEvent.refunded(Refund.standalone(
                        "r-1",
                        "c-3",
                        day(3),
                        List.of(new RefundLine("cola", 1, new BigDecimal("2"), "drinks")),
                        "DE"))))
                .isInstanceOf(BeyondRetentionException.class);

        assertThat(rows(store.snapshot())).isEqualTo(before);
        assertThat(store.ledger(List.of("o:o-1", "o:o-3", "r:r-1"))).isEmpty();
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("orders that were not final keep their normal lifecycle after compaction")
    void liveOrdersKeepTheirLifecycle() {
        mixedHistory();
        analytics.compact(HORIZON);

        assertThat(record(day(121), OrderEvent.delivered("o-5", day(121)))).isEqualTo(RecordOutcome.APPLIED);
        assertThat(record(
                        day(121),
                        OrderEvent.refunded(
                                Refund.ofLines("rf-6", "o-6", day(121), List.of(RefundLine.of("cola", 1))))))
                .isEqualTo(RecordOutcome.APPLIED);
        assertThat(record(
                        day(121),
                        OrderEvent.refunded(Refund.standalone(
                                "r-2",
                                "c-1",
                                day(121),
                                List.of(new RefundLine("pizza", 1, new BigDecimal("12.50"), "mains")),
                                "DE"))))
                .isEqualTo(RecordOutcome.APPLIED);
        assertThat(record(
                        day(121), OrderEvent.placed(order("o-8", "c-4", day(121), line("pizza", "mains", 1, "12.50")))))
                .isEqualTo(RecordOutcome.APPLIED);

        assertTotalsMatchTheReference();
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("compact removes an entry only at its expected version, once per batch id")
    void compactIsACompareAndSetAppliedOncePerBatch() {
        mixedHistory();
        LedgerEntry o1 = store.ledger(List.of("o:o-1")).get("o:o-1");
        LedgerEntry stale = o1.withVersion(o1.version() + 7);
        StoreBatch staleBatch = new StoreBatch(
                "stale",
                List.of(new LedgerChange(
                        stale, stale.withVersion(stale.version() + 1), Contributions.change(null, o1))));
        assertThat(store.compact(staleBatch).conflicts()).containsExactly("o:o-1");
        assertThat(store.ledger(List.of("o:o-1"))).containsKey("o:o-1");
        assertThat(rows(store.baseline())).isEmpty();

        StoreBatch batch = new StoreBatch(
                "once",
                List.of(new LedgerChange(o1, o1.withVersion(o1.version() + 1), Contributions.change(null, o1))));
        assertThat(store.compact(batch).conflicts()).isEmpty();
        assertThat(store.compact(batch).conflicts()).isEmpty();

        Delta expected = new Delta();
        Contributions.addTo(expected, o1, 1);
        assertThat(rows(store.baseline())).isEqualTo(rows(expected));
        assertThat(store.ledger(List.of("o:o-1"))).isEmpty();
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("with a retention setting, an order the retention made final is final before any compaction ran")
    void theRetentionSettingMakesOrdersFinalAtOnce() {
        mixedHistory();
        try (Analytics retained = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock)
                .retention(Duration.ofDays(90), Duration.ofDays(1))
                .build()) {
            assertThatThrownBy(() -> retained.record(OrderEvent.refunded(Refund.full("rf-1", "o-1", day(120)))))
                    .isInstanceOf(BeyondRetentionException.class)
                    .hasMessageContaining("final");
            assertThat(retained.record(OrderEvent.delivered("o-5", day(120)))).isEqualTo(RecordOutcome.APPLIED);
        }
        assertThat(store.ledger(List.of("o:o-1"))).containsKey("o:o-1");
        assertThatThrownBy(() -> Analytics.builder().retention(Duration.ofHours(23), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one day");
    }

    @Test
    @DisplayName("a horizon in the future is refused")
    void aHorizonInTheFutureIsRefused() {
        mixedHistory();
        assertThatThrownBy(() -> analytics.compact(day(121)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("future");
        assertThat(store.ledger(List.of(LedgerEntry.HORIZON))).isEmpty();
    }

    // ----- erasure -----

    /** Runs experiment "banner" and exposes c-1 (to "banner") and c-2 (to "control") before the history starts. */
    protected void exposeBeforeTheHistory() {
        clock.set(T0.minusSeconds(3600));
        Experiments x = analytics.experiments();
        x.define(Experiment.builder("banner").variations("control", "banner").build());
        x.transition("banner", ExperimentStatus.RUNNING);
        x.recordExposure("banner", "c-1", "banner", T0.minusSeconds(3600));
        x.recordExposure("banner", "c-2", "control", T0.minusSeconds(3600));
    }

    private static Set<Counters> notPerCustomer(Set<Counters> rows) {
        Set<Counters> out = new HashSet<>();
        for (Counters c : rows) {
            if (c instanceof ProductCounters
                    || c instanceof CategoryCounters
                    || c instanceof DayCounters
                    || c instanceof DayCountryCounters) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether {@code text} names customer c-1 (not as part of a longer token, such as a pseudonym's hex digits). */
    private static boolean mentionsC1(String text) {
        return Pattern.compile("(?<![0-9A-Za-z])c-1(?![0-9A-Za-z])")
                .matcher(text)
                .find();
    }

    private String pseudonymIn(Set<Counters> rows) {
        return rows.stream()
                .filter(c -> c instanceof CustomerCounters cc && cc.customerId().startsWith("erased-"))
                .map(c -> ((CustomerCounters) c).customerId())
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("erasure leaves no trace of the id and keeps product, category, day, country, cohort and experiment"
            + " totals")
    void erasureKeepsEveryOtherTotal() {
        exposeBeforeTheHistory();
        mixedHistory();
        analytics.compact(HORIZON); // c-1's o-1 and o-2 are in the baseline, o-6 in the ledger
        Set<Counters> before = rows(store.snapshot());
        CustomerCounters c1 = store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow();
        var results = analytics.experiments().results("banner");
        var newCustomers = StoreReads.newCustomers(
                store, T0.atZone(ZONE).toLocalDate(), day(120).atZone(ZONE).toLocalDate());
        var cohorts = analytics
                .cohorts()
                .retention(
                        CohortPeriod.MONTH,
                        T0.atZone(ZONE).toLocalDate(),
                        day(120).atZone(ZONE).toLocalDate());

        ErasureReport report = analytics.forgetCustomer("c-1");

        assertThat(report.nothingToErase()).isFalse();
        assertThat(report.ledgerEntries()).isEqualTo(2); // o-6 and the exposure
        assertThat(report.rows()).isPositive();
        List<String> traces = new ArrayList<>();
        store.forEachLedgerEntry(e -> {
            if (mentionsC1(e.toString())) {
                traces.add(e.key());
            }
        });
        assertThat(traces).isEmpty();
        assertThat(mentionsC1(rows(store.snapshot()).toString())).isFalse();
        assertThat(mentionsC1(rows(store.baseline()).toString())).isFalse();
        assertThat(notPerCustomer(rows(store.snapshot()))).isEqualTo(notPerCustomer(before));
        String pseudonym = pseudonymIn(rows(store.snapshot()));
        CustomerCounters moved = store.get(Aggregate.CUSTOMERS, pseudonym).orElseThrow();
        assertThat(moved.orders()).isEqualTo(c1.orders());
        assertThat(moved.spent()).isEqualTo(c1.spent());
        assertThat(moved.firstOrderDay()).isEqualTo(c1.firstOrderDay());
        assertThat(StoreReads.newCustomers(
                        store,
                        T0.atZone(ZONE).toLocalDate(),
                        day(120).atZone(ZONE).toLocalDate()))
                .isEqualTo(newCustomers);
        assertThat(analytics.experiments().results("banner")).isEqualTo(results);
        assertThat(analytics
                        .cohorts()
                        .retention(
                                CohortPeriod.MONTH,
                                T0.atZone(ZONE).toLocalDate(),
                                day(120).atZone(ZONE).toLocalDate()))
                .isEqualTo(cohorts);
        assertThat(analytics.queries().customer("c-1")).isEmpty();
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("erasing again, or a customer never seen, changes nothing")
    void erasureIsIdempotent() {
        exposeBeforeTheHistory();
        mixedHistory();
        analytics.forgetCustomer("c-2");
        Set<Counters> after = rows(store.snapshot());
        Set<Counters> baseline = rows(store.baseline());

        assertThat(analytics.forgetCustomer("c-2").nothingToErase()).isTrue();
        assertThat(analytics.forgetCustomer("never-seen").nothingToErase()).isTrue();

        assertThat(rows(store.snapshot())).isEqualTo(after);
        assertThat(rows(store.baseline())).isEqualTo(baseline);
        assertThat(analytics.verify().drifts()).isEmpty();
        assertThatThrownBy(() -> analytics.forgetCustomer(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("after erasure, events of the erased orders apply to the pseudonym and a new order starts a new"
            + " profile")
    void laterEventsAfterErasure() {
        mixedHistory();
        analytics.forgetCustomer("c-1");
        String pseudonym = pseudonymIn(rows(store.snapshot()));
        long spent = store.get(Aggregate.CUSTOMERS, pseudonym).orElseThrow().spent();

        clock.set(day(121));
        assertThat(analytics.record(OrderEvent.refunded(
                        Refund.ofLines("rf-6", "o-6", day(121), List.of(RefundLine.of("cola", 1))))))
                .isEqualTo(RecordOutcome.APPLIED);
        assertThat(store.get(Aggregate.CUSTOMERS, pseudonym).orElseThrow().spent())
                .isEqualTo(spent - 20_010);
        assertThatThrownBy(() -> analytics.record(
                        OrderEvent.placed(order("o-6", "c-1", day(100), line("cola", "drinks", 2, "2.001")))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("different content");
        analytics.record(
                OrderEvent.delivered(order("o-9", "c-1", day(121), line("pizza", "mains", 1, "12.50")), day(121)));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isEqualTo(1);
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("an entry a writer changes between the compaction's ledger scan and its batch stays in the ledger")
    void anEntryChangedAfterTheScanIsSkipped() {
        mixedHistory();
        List<Set<Counters>> afterErasure = new ArrayList<>();
        AnalyticsStore erasingAfterScan = new ForwardingAnalyticsStore(store) {
            @Override
            public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
                super.forEachLedgerEntry(visitor);
                if (afterErasure.isEmpty()) {
                    // moves o-3 and o-4 (customer c-2) to a pseudonym: both change after the scan read them
                    analytics.forgetCustomer("c-2");
                    afterErasure.add(rows(store.snapshot()));
                }
            }
        };
        CompactionReport report;
        try (Analytics compacting = Analytics.builder()
                .store(erasingAfterScan)
                .zone(ZONE)
                .clock(clock)
                .build()) {
            report = compacting.compact(HORIZON);
        }

        assertThat(afterErasure).hasSize(1);
        assertThat(report.compacted()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(2);
        assertThat(store.ledger(List.of("o:o-1", "o:o-2", "r:r-1"))).isEmpty();
        assertThat(store.ledger(List.of("o:o-3", "o:o-4"))).containsOnlyKeys("o:o-3", "o:o-4");
        assertThat(rows(store.snapshot())).isEqualTo(afterErasure.get(0));
        assertThat(analytics.verify().drifts()).isEmpty();

        CompactionReport next = analytics.compact(HORIZON);

        assertThat(next.compacted()).isEqualTo(2);
        assertThat(rows(store.snapshot())).isEqualTo(afterErasure.get(0));
        assertThat(analytics.verify().drifts()).isEmpty();
    }
}
