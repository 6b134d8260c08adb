package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.CustomerSummary;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * (t) {@code topCustomers(1000)} over {@link BenchOptions#topCustomers()} (1,000,000 by default) customers in the
 * in-memory store. The customers are generated (seeded; spends drawn so that many customers tie on spend and the
 * tie-break by id matters) and written by {@code replaceAggregates}. Each run times the first call (a heap of 1,000
 * rows over every customer), then {@value #CALLS} calls with {@value #ORDERS_BETWEEN} orders of random customers
 * recorded before each (the store re-ranks the last list and the customers written since), and a full sort of the
 * same rows for comparison; the first list and the last list of every run are checked against a full sort of the
 * store's rows.
 */
final class TopCustomersBench {
    static final int LIMIT = 1_000;
    static final int CALLS = 21;
    static final int ORDERS_BETWEEN = 100;
    static final double TARGET_P50_MILLIS = 50;
    private static final long SEED = 16;
    private static final Comparator<CustomerCounters> BY_SPEND =
            Comparator.comparingLong(CustomerCounters::spent).reversed().thenComparing(CustomerCounters::customerId);

    private static final Instant START =
            LocalDate.of(2012, 1, 1).atStartOfDay(OnlineRetailMapping.ZONE).toInstant();

    private TopCustomersBench() {}

    static void run(BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        int customers = opt.topCustomers();
        progress.printf(Locale.ROOT, "[bench] t: generating %,d customers%n", customers);
        List<CustomerCounters> rows = customers(customers);
        Delta all = new Delta();
        rows.forEach(all::add);
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Series first = new Series();
        Series warm = new Series();
        Series fullSort = new Series();
        int total = opt.warmups() + opt.runs();
        int order = 0;
        try (Analytics analytics = Replay.analytics(store)) {
            for (int run = 0; run < total; run++) {
                boolean measured = run >= opt.warmups();
                progress.printf("[bench] t: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
                store.replaceAggregates(all);
                long t0 = System.nanoTime();
                List<CustomerSummary> top = analytics.queries().topCustomers(LIMIT);
                long firstNanos = System.nanoTime() - t0;
                check(top, store, "first call");
                Latencies calls = new Latencies(CALLS);
                for (int i = 0; i < CALLS; i++) {
                    List<OrderEvent> between = new ArrayList<>(ORDERS_BETWEEN);
                    for (int k = 0; k < ORDERS_BETWEEN; k++) {
                        Instant at = START.plusSeconds(order);
                        Order o = new Order(
                                "t-" + order++,
                                Customer.of("c-" + random.nextInt(customers)),
                                at,
                                List.of(LineItem.of(
                                        "p-" + random.nextInt(500),
                                        null,
                                        "generated",
                                        1 + random.nextInt(3),
                                        (1 + random.nextInt(900)) + ".00")),
                                "GB");
                        between.add(OrderEvent.delivered(o, at));
                    }
                    analytics.recordAll(between);
                    long t1 = System.nanoTime();
                    top = analytics.queries().topCustomers(LIMIT);
                    calls.add(System.nanoTime() - t1);
                    Sink.consume(top.size());
                }
                check(top, store, "last call");
                long t2 = System.nanoTime();
                List<CustomerCounters> sorted = new ArrayList<>(rows);
                sorted.sort(BY_SPEND);
                long sortNanos = System.nanoTime() - t2;
                Sink.consume(sorted.get(0).spent());
                if (measured) {
                    first.add(firstNanos / 1e6);
                    warm.add(calls.percentileMicros(50) / 1_000.0);
                    fullSort.add(sortNanos / 1e6);
                }
            }
        }
        String over = String.format(Locale.ROOT, "over %,d customers in memory", customers);
        table.add(
                "t.topCustomers-1000.p50",
                String.format(
                        Locale.ROOT,
                        "topCustomers(1000) %s, %d orders recorded before each call, p50",
                        over,
                        ORDERS_BETWEEN),
                warm.sample(),
                Unit.MILLIS,
                Target.atMost(TARGET_P50_MILLIS));
        table.add(
                "t.topCustomers-1000.first",
                "topCustomers(1000) " + over + ", first call (heap over every customer)",
                first.sample(),
                Unit.MILLIS,
                null);
        table.add(
                "t.full-sort",
                String.format(Locale.ROOT, "for comparison: a full sort of the %,d rows", customers),
                fullSort.sample(),
                Unit.MILLIS,
                null);
        notes.add(String.format(
                Locale.ROOT,
                "t: %,d generated customers (seed %d) written by replaceAggregates at the start of each run; %d calls per"
                        + " run, no cache; the first and the last list of every run equal the first %,d rows of a full"
                        + " sort of the store's customers by spend, then customer id",
                customers,
                SEED,
                CALLS,
                LIMIT));
    }

    /** Customers with spends in whole currency units up to 5,000: with a million customers about 200 share each spend. */
    private static List<CustomerCounters> customers(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        Instant first =
                LocalDate.of(2011, 1, 1).atStartOfDay(OnlineRetailMapping.ZONE).toInstant();
        List<CustomerCounters> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long orders = 1 + random.nextInt(20);
            long spent = MoneyUnits.of(BigDecimal.valueOf(random.nextInt(5_000)), "generated spend");
            Instant at = START.minusSeconds(1 + random.nextInt(365 * 86_400));
            out.add(new CustomerCounters(
                    "c-" + i,
                    orders,
                    spent,
                    orders * 3,
                    at,
                    at,
                    at.atZone(OnlineRetailMapping.ZONE).toLocalDate(),
                    null,
                    null,
                    HourHistogram.single(at.atZone(OnlineRetailMapping.ZONE).getHour(), orders)));
        }
        return out;
    }

    /** @throws IllegalStateException if {@code top} is not the first rows of a full sort of the store's customers */
    private static void check(List<CustomerSummary> top, InMemoryAnalyticsStore store, String which) {
        List<CustomerCounters> all = new ArrayList<>();
        store.scan(Aggregate.CUSTOMERS, Scan.all(), all::add);
        all.sort(BY_SPEND);
        List<String> expected =
                all.stream().limit(LIMIT).map(CustomerCounters::customerId).toList();
        List<String> ids = top.stream().map(CustomerSummary::customerId).toList();
        if (!ids.equals(expected)) {
            throw new IllegalStateException("topCustomers(" + LIMIT + "), " + which
                    + ", differs from a full sort: first difference at " + firstDifference(ids, expected));
        }
    }

    private static int firstDifference(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return n;
    }
}
