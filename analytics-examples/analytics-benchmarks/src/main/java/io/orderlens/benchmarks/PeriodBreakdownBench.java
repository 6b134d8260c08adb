package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of the two period breakdowns, printed as measured (no assertion): a 10-year monthly revenue-by-category
 * series ({@code periods().byCategory}, one date scan of the day × category rows) and 10 years of monthly new and
 * returning customers ({@code periods().newAndReturning}, one scan of every customer × day row), over eleven years
 * of orders on every day, in memory and on the in-process MongoDB server. Each run is the median of
 * {@value #CALLS_PER_RUN} calls (no cache configured, so every call reads the store); the first run warms up.
 *
 * <p>Run: {@code java -Xmx2g -cp analytics-benchmarks.jar io.orderlens.benchmarks.PeriodBreakdownBench [--runs N]
 * [--customers N] [--orders-per-day N] [--categories N]} (defaults: 3 runs after 1 warm-up, 5,000 customers, 4
 * orders a day, 12 categories).
 */
public final class PeriodBreakdownBench {
    private static final int CALLS_PER_RUN = 5;
    private static final int BATCH = 1_000;

    private PeriodBreakdownBench() {}

    public static void main(String[] args) {
        int runs = 3;
        int customers = 5_000;
        int ordersPerDay = 4;
        int categories = 12;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value: " + String.join(" ", args));
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1].replace("_", ""));
            if (value < 1) {
                throw new IllegalArgumentException(args[i] + " must be positive, got " + value);
            }
            switch (args[i]) {
                case "--runs" -> runs = value;
                case "--customers" -> customers = value;
                case "--orders-per-day" -> ordersPerDay = value;
                case "--categories" -> categories = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(runs, customers, ordersPerDay, categories, System.out);
    }

    static void run(int runs, int customers, int ordersPerDay, int categories, PrintStream out) {
        List<OrderEvent> history = history(customers, ordersPerDay, categories);
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %,d MiB; %,d orders over 2015..2025 (%,d customers, %d categories);"
                        + " median (min..max) of %d runs after 1 warm-up, each the median of %d calls%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                history.size(),
                customers,
                categories,
                runs,
                CALLS_PER_RUN);
        measure("in memory", new InMemoryAnalyticsStore(), history, runs, out);
        try (InProcessMongo mongo = new InProcessMongo()) {
            measure("in-process MongoDB", MongoAnalyticsStore.create(mongo.database("breakdown")), history, runs, out);
        }
    }

    /** Orders on every day of 2015..2025, two lines each (two categories), customers in turn. */
    private static List<OrderEvent> history(int customers, int ordersPerDay, int categories) {
        List<OrderEvent> events = new ArrayList<>();
        int n = 0;
        for (LocalDate d = LocalDate.of(2015, 1, 1); d.getYear() < 2026; d = d.plusDays(1)) {
            for (int k = 0; k < ordersPerDay; k++) {
                Order o = new Order(
                        "o-" + n,
                        Customer.of("c-" + n % customers),
                        d.atTime(8 + k % 12, 0).toInstant(ZoneOffset.UTC),
                        List.of(
                                LineItem.of("p-" + n % 40, null, "cat-" + n % categories, 1 + n % 3, "4.75"),
                                LineItem.of("q-" + n % 40, null, "cat-" + (n + 1) % categories, 1, "1.10")),
                        "GB");
                events.add(OrderEvent.delivered(o, o.placedAt().plusSeconds(1_800)));
                n++;
            }
        }
        return events;
    }

    private static void measure(
            String where, AnalyticsStore store, List<OrderEvent> history, int runs, PrintStream out) {
        try (Analytics a =
                Analytics.builder().store(store).zone(OnlineRetailMapping.ZONE).build()) {
            Replay.recordAll(a, history, BATCH);
            AtomicLong categoryRows = new AtomicLong();
            store.scan(Aggregate.DAY_CATEGORIES, Scan.all(), r -> categoryRows.incrementAndGet());
            AtomicLong customerDays = new AtomicLong();
            store.scan(Aggregate.CUSTOMER_DAYS, Scan.all(), r -> customerDays.incrementAndGet());
            LocalDate from = LocalDate.of(2016, 1, 1);
            LocalDate to = LocalDate.of(2025, 12, 31);
            Series byCategory = new Series();
            Series customers = new Series();
            for (int run = 0; run <= runs; run++) {
                double[] c = new double[CALLS_PER_RUN];
                double[] n = new double[CALLS_PER_RUN];
                for (int i = 0; i < CALLS_PER_RUN; i++) {
                    long t0 = System.nanoTime();
                    Sink.consume(a.periods().byCategory(Granularity.MONTH, from, to));
                    long t1 = System.nanoTime();
                    Sink.consume(a.periods().newAndReturning(Granularity.MONTH, from, to));
                    long t2 = System.nanoTime();
                    c[i] = (t1 - t0) / 1e6;
                    n[i] = (t2 - t1) / 1e6;
                }
                if (run > 0) {
                    byCategory.add(Sample.of(c).median());
                    customers.add(Sample.of(n).median());
                }
            }
            out.printf(
                    Locale.ROOT,
                    "breakdowns, %s: 10-year monthly by category (%,d day x category rows stored) %s ms;"
                            + " 10-year monthly new and returning (%,d customer x day rows scanned) %s ms%n",
                    where,
                    categoryRows.get(),
                    figures(byCategory.sample()),
                    customerDays.get(),
                    figures(customers.sample()));
        }
    }

    private static String figures(Sample s) {
        return String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", s.median(), s.min(), s.max());
    }
}
