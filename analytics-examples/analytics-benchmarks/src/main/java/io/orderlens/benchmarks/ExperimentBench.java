package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.experiment.Assignment;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FeatureFlags;
import io.orderlens.analytics.flag.FlagDayStats;
import io.orderlens.analytics.flag.FlagRule;
import io.orderlens.analytics.flag.Flags;
import io.orderlens.analytics.flag.Targeting;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment and flag figures, printed as measured (no assertion): assignment and flag evaluation latency and
 * allocation per call, exposure recording throughput in memory and on the in-process MongoDB server (next to the
 * order path's rate on the same server), and the time to compute results for many exposed customers from the store
 * counters, live (at 1,000, 10,000, … exposed customers, to show how it scales, then with attributed orders) and once
 * the experiment is COMPLETED (read from the frozen figures); next to the live figures, the time a fold of every
 * customer's experiment row takes. Run:
 * {@code java -cp analytics-benchmarks.jar io.orderlens.benchmarks.ExperimentBench [customers [mongoCustomers]]}
 * (default 1,000,000 exposed customers in memory and on MongoDB; 20,000 orders on MongoDB's order path).
 */
public final class ExperimentBench {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int CALLS_PER_SAMPLE = 1_000;

    private ExperimentBench() {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int mongoCustomers = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : customers;
        run(customers, mongoCustomers, System.out);
    }

    static void run(int customers, int mongoCustomers, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Experiment experiment = Experiment.builder("bench")
                .variations("control", "treatment")
                .status(ExperimentStatus.RUNNING)
                .build();

        Assignment assignment = new Assignment(experiment);
        String[] ids = new String[100_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "c-" + i;
        }
        perCall(out, "bucketing (Assignment.bucket)", ids, assignment::bucket);

        FeatureFlag newCheckout = new FeatureFlag(
                "new-checkout",
                true,
                "false",
                List.of(
                        FlagRule.force(Targeting.attribute("role", "staff"), "true"),
                        FlagRule.rollout(Targeting.everyone(), "true", 0.2)));
        Flags flags = new Flags(() -> List.of(newCheckout), null, Flags.DEFAULT_TTL, clock, ZONE);
        Map<String, String> attributes = Map.of("role", "customer");
        perCall(
                out,
                "flag evaluation (Flags.value, 2 rules)",
                ids,
                id -> flags.value("new-checkout", id, attributes).length());

        try (Analytics analytics = Analytics.builder()
                .zone(ZONE)
                .clock(clock)
                .exposureBatch(100_000)
                .build()) {
            Experiments x = analytics.experiments();
            x.define(experiment);
            for (String id : ids) {
                x.assign("bench", id); // first call per customer queues its exposure
            }
            x.flushExposures();
            perCall(
                    out,
                    "assign (Experiments.assign, customer seen before)",
                    ids,
                    id -> x.assign("bench", id).length());

            FeatureFlags stored = analytics.flags();
            stored.save(newCheckout);
            perCall(
                    out,
                    "flag evaluation (Analytics.flags().value, counted)",
                    ids,
                    id -> stored.value("new-checkout", id, attributes).length());
            stored.flushStatistics();
            LocalDate day = T0.atZone(ZONE).toLocalDate();
            FlagDayStats counted = stored.statistics("new-checkout", day, day).get(0);
            out.printf(
                    Locale.ROOT,
                    "flag statistics in the store                         %,d evaluations, %.4f on (every call above "
                            + "and its warm-up)%n",
                    counted.evaluations(),
                    counted.shareOn());
        }

        exposures(out, "in memory", new InMemoryAnalyticsStore(), clock, customers, experiment);
        try (InProcessMongo mongo = new InProcessMongo()) {
            AnalyticsStore store = MongoAnalyticsStore.create(mongo.database("bench_exposures"));
            exposures(out, "in-process MongoDB", store, clock, mongoCustomers, experiment);
            orders(out, MongoAnalyticsStore.create(mongo.database("bench_orders")), clock, Math.min(customers, 20_000));
        }
    }

    private interface Call {
        int apply(String id);
    }

    /** Median time per call over samples of {@value #CALLS_PER_SAMPLE} calls, and bytes allocated per call. */
    private static void perCall(PrintStream out, String what, String[] ids, Call call) {
        long sink = 0;
        for (int w = 0; w < 5; w++) {
            for (String id : ids) {
                sink += call.apply(id);
            }
        }
        int samples = ids.length / CALLS_PER_SAMPLE;
        double[] nanos = new double[samples * 5];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 5; round++) {
            for (int s = 0; s < samples; s++) {
                long t = System.nanoTime();
                for (int i = s * CALLS_PER_SAMPLE; i < (s + 1) * CALLS_PER_SAMPLE; i++) {
                    sink += call.apply(ids[i]);
                }
                nanos[round * samples + s] = (System.nanoTime() - t) / (double) CALLS_PER_SAMPLE;
            }
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
        Arrays.sort(nanos);
        out.printf(
                Locale.ROOT,
                "%-52s p50 %7.1f ns/call (p99 of %d-call samples %7.1f), %.2f bytes allocated/call" + "  [%d]%n",
                what,
                nanos[nanos.length / 2],
                CALLS_PER_SAMPLE,
                nanos[(int) (nanos.length * 0.99)],
                bytes / (double) (5L * samples * CALLS_PER_SAMPLE),
                sink % 10);
    }

    private static void exposures(
            PrintStream out, String where, AnalyticsStore store, Clock clock, int customers, Experiment experiment) {
        try (Analytics analytics =
                Analytics.builder().store(store).zone(ZONE).clock(clock).build()) {
            Experiments x = analytics.experiments();
            x.define(Experiment.builder(experiment.key())
                    .variations("control", "treatment")
                    .build());
            x.transition(experiment.key(), ExperimentStatus.RUNNING);
            Assignment assignment = new Assignment(experiment);
            int batch = 1_000;
            long recording = 0;
            int checkpoint = 1_000;
            for (int from = 0; from < customers; from += batch) {
                List<ExposureEvent> events = new ArrayList<>(batch);
                for (int i = from; i < Math.min(customers, from + batch); i++) {
                    String id = "c-" + i;
                    String v =
                            experiment.variations().get(assignment.bucket(id)).key();
                    events.add(new ExposureEvent(experiment.key(), id, v, T0));
                }
                long t = System.nanoTime();
                x.recordExposures(events);
                recording += System.nanoTime() - t;
                int done = Math.min(customers, from + batch);
                if (done == checkpoint && done < customers) {
                    results(out, where, analytics, store, experiment.key(), done, "exposures only");
                    checkpoint *= 10;
                }
            }
            double seconds = recording / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%-52s %,12.0f exposures/s (%,d customers in batches of %,d, %.2f s)%n",
                    "recording exposures, " + where,
                    customers / seconds,
                    customers,
                    batch,
                    seconds);
            results(out, where, analytics, store, experiment.key(), customers, "exposures only");
            int buyers = Math.min(customers, 20_000);
            long ordering = System.nanoTime();
            for (int from = 0; from < buyers; from += batch) {
                List<OrderEvent> events = new ArrayList<>(batch);
                for (int i = from; i < Math.min(buyers, from + batch); i++) {
                    Order o = new Order(
                            "o-" + i,
                            Customer.of("c-" + (i * (customers / buyers))),
                            T0.plus(Duration.ofMinutes(1 + i % 600)),
                            List.of(new LineItem("p-" + (i % 50), "Product", "cat", 1 + i % 3, new BigDecimal("9.99"))),
                            "GB");
                    events.add(OrderEvent.delivered(o, o.placedAt()));
                }
                analytics.recordAll(events);
            }
            out.printf(
                    Locale.ROOT,
                    "%-52s %,12.0f events/s (%,d delivered orders of exposed customers, %.2f s)%n",
                    "attributed orders, " + where,
                    buyers / ((System.nanoTime() - ordering) / 1e9),
                    buyers,
                    (System.nanoTime() - ordering) / 1e9);
            results(
                    out,
                    where,
                    analytics,
                    store,
                    experiment.key(),
                    customers,
                    String.format(Locale.ROOT, "%,d of them with an attributed order", buyers));
            double[] ms = new double[5];
            long completing = System.nanoTime();
            x.transition(experiment.key(), ExperimentStatus.COMPLETED);
            double completeMs = (System.nanoTime() - completing) / 1e6;
            for (int r = 0; r < ms.length; r++) {
                long t = System.nanoTime();
                x.results(experiment.key());
                ms[r] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            out.printf(
                    Locale.ROOT,
                    "%-52s %12.1f ms (median of 5; frozen at the move to COMPLETED, which took %.1f ms)%n",
                    "results once COMPLETED, " + where,
                    ms[2],
                    completeMs);
        }
    }

    /**
     * Prints the median of 5 live {@code results} calls, and the time of one fold of every customer's experiment row
     * (what results cost when they were folded customer by customer).
     */
    private static void results(
            PrintStream out,
            String where,
            Analytics analytics,
            AnalyticsStore store,
            String experiment,
            int customers,
            String what) {
        double[] ms = new double[5];
        for (int r = 0; r < ms.length; r++) {
            long t = System.nanoTime();
            analytics.experiments().results(experiment);
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        long t = System.nanoTime();
        long[] rows = new long[1];
        store.scan(Aggregate.EXPERIMENT_CUSTOMERS, Scan.partition(experiment), row -> rows[0]++);
        double foldMs = (System.nanoTime() - t) / 1e6;
        out.printf(
                Locale.ROOT,
                "%-52s %12.1f ms (median of 5; %,d exposed customers, %s; a fold of their %,d rows: %.1f ms)%n",
                "results, " + where,
                ms[2],
                customers,
                what,
                rows[0],
                foldMs);
    }

    private static void orders(PrintStream out, AnalyticsStore store, Clock clock, int count) {
        try (Analytics analytics =
                Analytics.builder().store(store).zone(ZONE).clock(clock).build()) {
            int batch = 1_000;
            long started = System.nanoTime();
            for (int from = 0; from < count; from += batch) {
                List<OrderEvent> events = new ArrayList<>(batch);
                for (int i = from; i < Math.min(count, from + batch); i++) {
                    Order o = new Order(
                            "o-" + i,
                            Customer.of("c-" + (i % 5_000)),
                            T0.plus(Duration.ofMinutes(i)),
                            List.of(new LineItem("p-" + (i % 50), "Product", "cat", 1, new BigDecimal("9.99"))),
                            "GB");
                    events.add(OrderEvent.delivered(o, o.placedAt()));
                }
                analytics.recordAll(events);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%-52s %,12.0f events/s (%,d delivered orders in batches of %,d, %.2f s)%n",
                    "order path for comparison, in-process MongoDB",
                    count / seconds,
                    count,
                    batch,
                    seconds);
        }
    }
}
