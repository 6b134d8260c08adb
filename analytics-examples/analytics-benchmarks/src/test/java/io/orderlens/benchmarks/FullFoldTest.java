package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.funnel.FunnelStep;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import io.orderlens.analytics.spi.StepHistograms;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full fold computes exactly the rows the library keeps for the same events, field by field. */
class FullFoldTest {
    private static final Instant START = Instant.parse("2011-03-01T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void agreesWithTheLibraryOnOrdersOfSeveralCategoriesLateEarlierOrdersAndStandaloneRefunds() {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            List<LineItem> lines = new ArrayList<>();
            for (int j = 0; j < 1 + i % 12; j++) {
                // categories repeat within an order; prices down to the fourth decimal
                lines.add(new LineItem(
                        "p-" + (i + j) % 17,
                        "item " + j,
                        "k-" + (i * j) % 5,
                        1 + j % 4,
                        new BigDecimal("1.2345").add(BigDecimal.valueOf(j))));
            }
            // placed over ten days, out of order for some customers, delivered up to three days later
            Instant placed = START.plus(Duration.ofHours((i * 37L) % 240));
            Order order = new Order("o-" + i, Customer.of("c-" + i % 11), placed, lines, i % 3 == 0 ? "FR" : "UK");
            events.add(OrderEvent.delivered(order, placed.plus(Duration.ofMinutes(i * 41L % 4_000))));
            if (i % 7 == 3) {
                events.add(OrderEvent.refunded(Refund.standalone(
                        "r-" + i,
                        "c-" + i % 13,
                        placed.plus(Duration.ofHours(30)),
                        List.of(
                                new RefundLine("p-" + i % 17, 2, new BigDecimal("3.5001"), "k-" + i % 5),
                                new RefundLine("p-x", 1, new BigDecimal("0.25"), null)),
                        "UK")));
            }
        }
        assertAgrees(events);
    }

    @Test
    void agreesWithTheLibraryOnAnOnlineRetailFile() throws Exception {
        assertAgrees(Dataset.load(BenchmarksTest.smallRetailFile(dir, 60), Integer.MAX_VALUE)
                .events());
    }

    private static void assertAgrees(List<OrderEvent> events) {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        try (Analytics analytics = Replay.analytics(store)) {
            Replay.recordAll(analytics, events, 50);
        }
        FullFold fold = new FullFold(OnlineRetailMapping.ZONE);
        events.forEach(fold::add);

        Map<String, List<Long>> customerDays = new TreeMap<>();
        store.scan(
                Aggregate.CUSTOMER_DAYS,
                Scan.all(),
                (CustomerDayCounters r) -> customerDays.put(
                        r.customerId() + "|" + r.date(), List.of(r.placed(), r.orders(), r.netRevenue())));
        Map<String, List<Long>> foldCustomerDays = new TreeMap<>();
        fold.customerDays()
                .forEach((customer, days) -> days.forEach((day, c) -> foldCustomerDays.put(
                        customer + "|" + day, List.of(c[FullFold.PLACED], c[FullFold.COUNTED], c[FullFold.NET]))));
        assertThat(foldCustomerDays).isNotEmpty().isEqualTo(customerDays);

        Map<String, List<Long>> dayCategories = new TreeMap<>();
        store.scan(
                Aggregate.DAY_CATEGORIES,
                Scan.all(),
                (DayCategoryCounters r) -> dayCategories.put(
                        r.date() + "|" + r.category(),
                        List.of(r.orders(), r.units(), r.grossRevenue(), r.refundedUnits(), r.refundedAmount())));
        Map<String, List<Long>> foldDayCategories = new TreeMap<>();
        fold.dayCategories()
                .forEach((day, categories) -> categories.forEach((category, c) ->
                        foldDayCategories.put(day + "|" + category, List.of(c[0], c[1], c[2], c[3], c[4]))));
        assertThat(foldDayCategories).isNotEmpty().isEqualTo(dayCategories);

        Map<LocalDate, Long> newCustomers = new TreeMap<>();
        Map<LocalDate, StatusCounts> statuses = new TreeMap<>();
        store.scan(Aggregate.DAYS, Scan.all(), (DayCounters r) -> {
            newCustomers.put(r.date(), r.newCustomers());
            statuses.put(r.date(), r.statuses());
        });
        Map<LocalDate, Long> foldNewCustomers = new TreeMap<>();
        fold.newCustomers().forEach((day, n) -> foldNewCustomers.put(day, n[0]));
        assertThat(withoutZeros(foldNewCustomers)).isNotEmpty().isEqualTo(withoutZeros(newCustomers));
        Map<LocalDate, StatusCounts> foldStatuses = new TreeMap<>();
        fold.statuses().forEach((day, counts) -> foldStatuses.put(day, statusCounts(counts)));
        assertThat(foldStatuses).isNotEmpty().isEqualTo(withoutEmpty(statuses));

        Map<LocalDate, FunnelCounters> funnel = new TreeMap<>();
        store.scan(Aggregate.ORDER_FUNNEL, Scan.all(), (FunnelCounters r) -> funnel.put(r.date(), r));
        Map<LocalDate, FunnelCounters> foldFunnel = new TreeMap<>();
        fold.reached().forEach((day, counts) -> {
            Map<FunnelStep, Map<Integer, Long>> steps = new EnumMap<>(FunnelStep.class);
            fold.toStatus()
                    .getOrDefault(day, Map.of())
                    .forEach((bucket, n) -> steps.computeIfAbsent(FunnelStep.PLACED_TO_DELIVERED, k -> new TreeMap<>())
                            .put(bucket, n[0]));
            foldFunnel.put(
                    day, new FunnelCounters(day, statusCounts(counts), StatusCounts.EMPTY, StepHistograms.of(steps)));
        });
        assertThat(foldFunnel).isNotEmpty().isEqualTo(funnel);
    }

    private static StatusCounts statusCounts(long[] byOrdinal) {
        Map<OrderStatus, Long> m = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            if (byOrdinal[s.ordinal()] != 0) {
                m.put(s, byOrdinal[s.ordinal()]);
            }
        }
        return StatusCounts.of(m);
    }

    private static Map<LocalDate, Long> withoutZeros(Map<LocalDate, Long> m) {
        Map<LocalDate, Long> out = new TreeMap<>(m);
        out.values().removeIf(n -> n == 0);
        return out;
    }

    private static Map<LocalDate, StatusCounts> withoutEmpty(Map<LocalDate, StatusCounts> m) {
        Map<LocalDate, StatusCounts> out = new TreeMap<>(m);
        out.values().removeIf(StatusCounts::isZero);
        return out;
    }
}
