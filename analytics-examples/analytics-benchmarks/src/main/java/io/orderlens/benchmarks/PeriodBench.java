package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.examples.generate.FoodDeliveryDataset;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Period series and lifecycle funnel figures, printed as measured (no assertion).
 *
 * <ul>
 *   <li>The write path's cost of funnel upkeep on the generated food-delivery data set (orders through every status,
 *       cancellations, refunds): {@code recordAll} batches of 1,000 with the funnel increments kept or removed from
 *       each batch before the store applies it, side by side in every run (alternating which goes first), in memory
 *       and on the in-process MongoDB server, with the ratio on / off per run and its median. Both sides pay the
 *       copy of the batch; the stage times stay in the ledger entries either way.
 *   <li>The time of a 10-year monthly series and a 1-year weekly series (each with its year-earlier buckets) over
 *       eleven years of daily counters with orders on every day, in memory and on the in-process MongoDB server.
 * </ul>
 *
 * <p>Run: {@code java -Xmx2g -cp analytics-benchmarks.jar io.orderlens.benchmarks.PeriodBench [--runs N]
 * [--days N] [--customers N] [--mongo-events N]} (defaults: 5 runs after 1 warm-up; the generated data set's 90 days
 * and 800 customers; the first 5,000 events on MongoDB).
 */
public final class PeriodBench {
    static final int BATCH = 1_000;
    static final double TARGET_RATIO = 0.9;
    private static final int CALLS_PER_RUN = 11;

    private PeriodBench() {}

    public static void main(String[] args) {
        int runs = 5;
        int days = 90;
        int customers = 800;
        int mongoEvents = 5_000;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value: " + String.join(" ", args));
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1].replace("_", ""));
            switch (args[i]) {
                case "--runs" -> runs = value;
                case "--days" -> days = value;
                case "--customers" -> customers = value;
                case "--mongo-events" -> mongoEvents = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(runs, days, customers, mongoEvents, System.out);
    }

    static void run(int runs, int days, int customers, int mongoEvents, PrintStream out) {
        FoodDeliveryDataset data =
                new FoodDeliveryDataset(new FoodDeliveryDataset.Spec(7, LocalDate.of(2025, 3, 3), days, customers));
        List<OrderEvent> events = new ArrayList<>();
        data.events().forEachRemaining(events::add);
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %,d MiB; generated data set: %,d events (%d days, %,d customers);"
                        + " median (min..max) of %d runs after 1 warm-up%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                events.size(),
                days,
                customers,
                runs);
        upkeep("in memory", events, runs, out, InMemoryAnalyticsStore::new);
        try (InProcessMongo mongo = new InProcessMongo()) {
            int[] db = {0};
            upkeep(
                    "in-process MongoDB",
                    events.subList(0, Math.min(mongoEvents, events.size())),
                    runs,
                    out,
                    () -> MongoAnalyticsStore.create(mongo.database("periods" + db[0]++)));
            series("in memory", new InMemoryAnalyticsStore(), runs, out);
            series("in-process MongoDB", MongoAnalyticsStore.create(mongo.database("series")), runs, out);
        }
    }

    private static void upkeep(
            String where, List<OrderEvent> events, int runs, PrintStream out, Supplier<AnalyticsStore> stores) {
        Upkeep.Rates rates = Upkeep.alternate(runs, upkeep -> replay(events, stores.get(), upkeep));
        Series on = rates.on();
        Series off = rates.off();
        Series ratio = rates.ratio();
        out.printf(
                Locale.ROOT,
                "funnel upkeep, %s, %,d events, recordAll batch %,d: on %s events/s, off %s events/s,"
                        + " ratio on/off %s (target >= %.1f)%n",
                where,
                events.size(),
                BATCH,
                figures(on.sample(), "%,.0f"),
                figures(off.sample(), "%,.0f"),
                figures(ratio.sample(), "%.3f"),
                TARGET_RATIO);
    }

    private static double replay(List<OrderEvent> events, AnalyticsStore store, boolean upkeep) {
        try (Analytics a = Analytics.builder()
                .store(new Upkeep(store, FunnelCounters.class, upkeep))
                .zone(FoodDeliveryDataset.ZONE)
                .build()) {
            long t0 = System.nanoTime();
            Replay.recordAll(a, events, BATCH);
            return Replay.rate(events.size(), System.nanoTime() - t0);
        }
    }

    /**
     * Records eleven years of orders (2015-2025, two a day) into {@code store}, then times the two series: each run
     * is the median of {@value #CALLS_PER_RUN} calls; the first run warms up.
     */
    private static void series(String where, AnalyticsStore store, int runs, PrintStream out) {
        try (Analytics a =
                Analytics.builder().store(store).zone(OnlineRetailMapping.ZONE).build()) {
            List<OrderEvent> history = new ArrayList<>();
            int n = 0;
            for (LocalDate d = LocalDate.of(2015, 1, 1); d.getYear() < 2026; d = d.plusDays(1)) {
                for (int k = 0; k < 2; k++) {
                    Order o = new Order(
                            "o-" + n,
                            Customer.of("c-" + n % 5_000),
                            d.atTime(9 + 6 * k, 0).toInstant(ZoneOffset.UTC),
                            List.of(LineItem.of("p-" + n % 40, null, "cat-" + n % 7, 1 + n % 3, "4.75")),
                            "GB");
                    history.add(OrderEvent.delivered(o, o.placedAt().plusSeconds(1_800)));
                    n++;
                }
            }
            Replay.recordAll(a, history, BATCH);
            LocalDate tenYearsFrom = LocalDate.of(2016, 1, 1);
            LocalDate to = LocalDate.of(2025, 12, 31);
            LocalDate oneYearFrom = LocalDate.of(2025, 1, 1);
            Series monthly = new Series();
            Series weekly = new Series();
            for (int run = 0; run <= runs; run++) {
                double[] m = new double[CALLS_PER_RUN];
                double[] w = new double[CALLS_PER_RUN];
                for (int i = 0; i < CALLS_PER_RUN; i++) {
                    long t0 = System.nanoTime();
                    Sink.consume(a.periods().series(Granularity.MONTH, tenYearsFrom, to));
                    long t1 = System.nanoTime();
                    Sink.consume(a.periods().series(Granularity.WEEK, oneYearFrom, to));
                    long t2 = System.nanoTime();
                    m[i] = (t1 - t0) / 1e6;
                    w[i] = (t2 - t1) / 1e6;
                }
                if (run > 0) {
                    monthly.add(Sample.of(m).median());
                    weekly.add(Sample.of(w).median());
                }
            }
            out.printf(
                    Locale.ROOT,
                    "series, %s, %,d orders over 2015..2025: 10-year monthly (120 buckets) %s ms,"
                            + " 1-year weekly (53 buckets) %s ms (targets: < 5 ms in memory, < 50 ms on MongoDB)%n",
                    where,
                    history.size(),
                    figures(monthly.sample(), "%.2f"),
                    figures(weekly.sample(), "%.2f"));
        }
    }

    private static String figures(Sample s, String format) {
        return String.format(Locale.ROOT, format, s.median()) + " (" + String.format(Locale.ROOT, format, s.min())
                + ".." + String.format(Locale.ROOT, format, s.max()) + ")";
    }
}
