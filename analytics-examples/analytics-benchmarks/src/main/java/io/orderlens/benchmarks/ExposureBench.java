package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * (e) Recording experiment exposures in batches, in memory and on the in-process MongoDB server, next to the order
 * path's rate on the same server: one exposure per customer of the data set (repeated with a run suffix up to
 * {@link #MEMORY_EXPOSURES} in memory), each run into a fresh store. Targets from the experiments issue: at least
 * 50,000 exposures/s in memory, and on MongoDB at least the order path's rate per event.
 */
final class ExposureBench {
    static final int BATCH = 1_000;
    static final int MEMORY_EXPOSURES = 200_000;
    static final double TARGET_MEMORY_RATE = 50_000;
    private static final String EXPERIMENT = "bench-banner";

    private ExposureBench() {}

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        List<String> customers = data.customerIds();
        if (customers.isEmpty()) {
            table.skip("e", "experiment exposures", "the input has no customers");
            return;
        }
        Series memory = new Series();
        Series onMongo = new Series();
        Series orders = new Series();
        Series ratio = new Series();
        int[] mongoCount = new int[2];
        int[] orderCount = new int[2];
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] e: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            double m = exposures(new InMemoryAnalyticsStore(), customers, MEMORY_EXPOSURES, Long.MAX_VALUE)[0];
            MongoDatabase exposureDb = mongo.database("bench_exposures");
            MongoDatabase orderDb = mongo.database("bench_exposure_orders");
            exposureDb.drop();
            orderDb.drop();
            double[] x = exposures(
                    MongoAnalyticsStore.create(exposureDb), customers, customers.size(), opt.mongoBudgetNanos());
            double[] o = orders(MongoAnalyticsStore.create(orderDb), data, opt.mongoBudgetNanos());
            exposureDb.drop();
            orderDb.drop();
            if (measured) {
                memory.add(m);
                onMongo.add(x[0]);
                orders.add(o[0]);
                ratio.add(x[0] / o[0]);
                mongoCount[0] = mongoCount[0] == 0 ? (int) x[1] : Math.min(mongoCount[0], (int) x[1]);
                mongoCount[1] = Math.max(mongoCount[1], (int) x[1]);
                orderCount[0] = orderCount[0] == 0 ? (int) o[1] : Math.min(orderCount[0], (int) o[1]);
                orderCount[1] = Math.max(orderCount[1], (int) o[1]);
            }
        }
        table.add(
                "e.exposures-memory",
                String.format(
                        Locale.ROOT, "exposures recorded in memory, batch %,d, %,d customers", BATCH, MEMORY_EXPOSURES),
                memory.sample(),
                Unit.EXPOSURES_PER_SECOND,
                Target.atLeast(TARGET_MEMORY_RATE));
        table.add(
                "e.exposures-mongo",
                String.format(
                        Locale.ROOT,
                        "exposures recorded on MongoDB, batch %,d, first %s customers (time cap)",
                        BATCH,
                        range(mongoCount)),
                onMongo.sample(),
                Unit.EXPOSURES_PER_SECOND,
                null);
        table.add(
                "e.orders-mongo",
                String.format(
                        Locale.ROOT,
                        "order path on the same MongoDB server, batch %,d, first %s events (time" + " cap)",
                        BATCH,
                        range(orderCount)),
                orders.sample(),
                Unit.ORDERS_PER_SECOND,
                null);
        table.add("e.ratio-mongo", "e.exposures-mongo / e.orders-mongo", ratio.sample(), Unit.RATIO, Target.atLeast(1));
        notes.add("e: one experiment (two variations, equal weights), one exposure per customer; in memory the data"
                + " set's customers are repeated with a suffix up to " + MEMORY_EXPOSURES + " exposures");
    }

    /** Rate of recording {@code count} exposures, and how many were recorded before {@code budgetNanos} ran out. */
    private static double[] exposures(AnalyticsStore store, List<String> customers, int count, long budgetNanos) {
        try (Analytics analytics = Replay.analytics(store)) {
            Experiments x = analytics.experiments();
            x.define(Experiment.builder(EXPERIMENT)
                    .variations("control", "treatment")
                    .build());
            x.transition(EXPERIMENT, ExperimentStatus.RUNNING);
            Instant at = Instant.parse("2011-06-01T12:00:00Z");
            long started = System.nanoTime();
            int from = 0;
            while (from < count && System.nanoTime() - started < budgetNanos) {
                int to = Math.min(count, from + BATCH);
                List<ExposureEvent> events = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    String customer = customers.get(i % customers.size()) + (i < customers.size() ? "" : "#" + i);
                    events.add(new ExposureEvent(EXPERIMENT, customer, i % 2 == 0 ? "control" : "treatment", at));
                }
                Sink.consume(x.recordExposures(events).size());
                from = to;
            }
            return new double[] {from / ((System.nanoTime() - started) / 1e9), from};
        }
    }

    /** Rate of the order path over the data set's events until {@code budgetNanos} ran out, and how many. */
    private static double[] orders(AnalyticsStore store, Dataset data, long budgetNanos) {
        try (Analytics analytics = Replay.analytics(store)) {
            long started = System.nanoTime();
            int recorded = Replay.recordAll(analytics, data.events(), BATCH, budgetNanos);
            return new double[] {recorded / ((System.nanoTime() - started) / 1e9), recorded};
        }
    }

    private static String range(int[] minMax) {
        return minMax[0] == minMax[1]
                ? String.format(Locale.ROOT, "%,d", minMax[0])
                : String.format(Locale.ROOT, "%,d..%,d", minMax[0], minMax[1]);
    }
}
