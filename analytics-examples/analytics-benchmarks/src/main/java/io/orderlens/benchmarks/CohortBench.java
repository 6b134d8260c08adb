package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerDayCounters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The write path's cost of cohort upkeep (the customer × day counters), printed as measured (no assertion): the
 * Online Retail replay through {@code recordAll} batches of 1,000 with the upkeep on and off, side by side in every
 * run (alternating which goes first), in memory and on the in-process MongoDB server, and the ratio on / off per run
 * with its median; then the time of the cohort queries on the replayed data. "Off" is the same engine with every
 * customer × day increment removed from each batch before the store applies it; "on" copies each batch the same way
 * but keeps them, so both pay the copy and the engine's (small) cost of creating those increments.
 *
 * <p>Run: {@code java -Xmx2g -cp analytics-benchmarks.jar io.orderlens.benchmarks.CohortBench [--input PATH]
 * [--runs N] [--mongo-events N]} (defaults: the Online Retail file, 5 runs after 1 warm-up, the first 5,000 events
 * on MongoDB).
 */
public final class CohortBench {
    static final double TARGET_RATIO = 0.9;
    static final int BATCH = 1_000;

    private CohortBench() {}

    public static void main(String[] args) throws Exception {
        for (String logger : List.of("de.bwaldvogel.mongo", "org.mongodb.driver")) {
            // the in-process server and the driver log every connection; keep the console for the figures
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
        Path input = null;
        int runs = 5;
        int mongoEvents = 5_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--input" -> input = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--mongo-events" -> mongoEvents = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option takes a value: " + String.join(" ", args));
        }
        Dataset data =
                Dataset.load(input == null ? BenchOptions.parse(new String[0]).input() : input, Integer.MAX_VALUE);
        run(data, runs, mongoEvents, System.out);
    }

    static void run(Dataset data, int runs, int mongoEvents, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %,d MiB; %,d events; median of %d runs after 1 warm-up%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                data.size(),
                runs);
        compare("in memory", data.events(), runs, out, InMemoryAnalyticsStore::new);
        try (InProcessMongo mongo = new InProcessMongo()) {
            int[] db = {0};
            List<OrderEvent> prefix = data.events().subList(0, Math.min(mongoEvents, data.size()));
            compare(
                    "in-process MongoDB",
                    prefix,
                    runs,
                    out,
                    () -> MongoAnalyticsStore.create(mongo.database("cohorts" + db[0]++)));
        }
    }

    private static void compare(
            String where, List<OrderEvent> events, int runs, PrintStream out, Supplier<AnalyticsStore> stores) {
        Upkeep.Rates rates = Upkeep.alternate(runs, upkeep -> replay(events, stores.get(), upkeep));
        Series on = rates.on();
        Series off = rates.off();
        Series ratio = rates.ratio();
        out.printf(
                Locale.ROOT,
                "%s, %,d events, recordAll batch %,d: upkeep on %s events/s, off %s events/s,"
                        + " ratio on/off %s (target >= %.1f)%n",
                where,
                events.size(),
                BATCH,
                figures(on.sample(), "%,.0f"),
                figures(off.sample(), "%,.0f"),
                figures(ratio.sample(), "%.3f"),
                TARGET_RATIO);
        out.printf(
                Locale.ROOT,
                "%s, cohort queries after a replay with upkeep: %s%n",
                where,
                queryFigures(events, stores));
    }

    /** Times one monthly retention table and one acquisition funnel over all the data (one replay, 3 runs each). */
    private static String queryFigures(List<OrderEvent> events, Supplier<AnalyticsStore> stores) {
        AnalyticsStore store = stores.get();
        try (Analytics a = Replay.analytics(store)) {
            Replay.recordAll(a, events, BATCH);
            LocalDate from = LocalDate.of(2000, 1, 1);
            LocalDate to = LocalDate.of(2100, 1, 1);
            Series retention = new Series();
            Series funnel = new Series();
            for (int i = 0; i < 4; i++) {
                long t0 = System.nanoTime();
                Sink.consume(a.cohorts()
                        .retention(CohortPeriod.MONTH, from, to)
                        .cohorts()
                        .size());
                long t1 = System.nanoTime();
                Sink.consume(a.cohorts()
                        .acquisitionFunnel(CohortPeriod.MONTH, from, to)
                        .cohorts()
                        .size());
                long t2 = System.nanoTime();
                if (i > 0) {
                    retention.add((t1 - t0) / 1e6);
                    funnel.add((t2 - t1) / 1e6);
                }
            }
            return "monthly retention " + figures(retention.sample(), "%.1f") + " ms, acquisition funnel "
                    + figures(funnel.sample(), "%.1f") + " ms";
        }
    }

    /** Replays {@code events} with the upkeep on or off; returns events per second. */
    private static double replay(List<OrderEvent> events, AnalyticsStore store, boolean upkeep) {
        try (Analytics a = Replay.analytics(new Upkeep(store, CustomerDayCounters.class, upkeep))) {
            long t0 = System.nanoTime();
            Replay.recordAll(a, events, BATCH);
            return Replay.rate(events.size(), System.nanoTime() - t0);
        }
    }

    /** {@code median (min..max)} of {@code s}, each formatted with {@code format}. */
    private static String figures(Sample s, String format) {
        return String.format(Locale.ROOT, format, s.median()) + " (" + String.format(Locale.ROOT, format, s.min())
                + ".." + String.format(Locale.ROOT, format, s.max()) + ")";
    }
}
