package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.OrderEvent;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * (b) Replaying the events through {@link Analytics} with the {@link MongoAnalyticsStore} at two batch sizes versus
 * the {@link SeedStyleBaseline} on a prefix of the same events, side by side in every run, against the in-process
 * server; database commands counted by the driver's command listener. Each replay writes into a fresh database that
 * is dropped afterwards, and stops at the time cap of {@link BenchOptions#mongoSeconds()}; a replay that overran it
 * (one batch can take longer than the cap) is not repeated.
 */
final class MongoStoreBench {
    static final int[] BATCH_SIZES = {100, 1_000};
    static final double TARGET_RATIO = 20;
    static final double TARGET_COMMANDS_PER_ORDER = 0.1;

    private MongoStoreBench() {}

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        List<OrderEvent> prefix = data.prefix(opt.baselineOrders());
        Series baselineRate = new Series();
        Series baselineCommands = new Series();
        Series baselineEvents = new Series();
        Series[] rate = Series.array(BATCH_SIZES.length);
        Series[] commands = Series.array(BATCH_SIZES.length);
        Series[] ratio = Series.array(BATCH_SIZES.length);
        Series[] events = Series.array(BATCH_SIZES.length);
        Series[] ceilingRate = Series.array(BATCH_SIZES.length);
        Series[] ceilingRatio = Series.array(BATCH_SIZES.length);
        Series[] ceilingEvents = Series.array(BATCH_SIZES.length);
        boolean[] overran = new boolean[BATCH_SIZES.length];
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] b: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            MongoReplay baseline = MongoReplay.seedStyle(mongo, prefix, "bench_seed_" + run, opt.mongoBudgetNanos());
            for (int b = 0; b < BATCH_SIZES.length; b++) {
                if (!overran[b]) {
                    MongoReplay store = MongoReplay.store(
                            mongo,
                            data.events(),
                            BATCH_SIZES[b],
                            "bench_store_" + BATCH_SIZES[b] + "_" + run,
                            opt.mongoBudgetNanos());
                    overran[b] = store.overran(opt.mongoBudgetNanos());
                    if (measured || overran[b]) {
                        rate[b].add(store.ordersPerSecond());
                        commands[b].add(store.commandsPerOrder());
                        ratio[b].add(store.ordersPerSecond() / baseline.ordersPerSecond());
                        events[b].add(store.events());
                    }
                }
                // the ceiling is measured in every measured run, also after the store's replay overran its cap
                if (measured) {
                    MongoReplay ceiling = MongoReplay.ceiling(
                            mongo,
                            data.events(),
                            BATCH_SIZES[b],
                            "bench_ceiling_" + BATCH_SIZES[b] + "_" + run,
                            opt.mongoBudgetNanos());
                    ceilingRate[b].add(ceiling.ordersPerSecond());
                    ceilingRatio[b].add(ceiling.ordersPerSecond() / baseline.ordersPerSecond());
                    ceilingEvents[b].add(ceiling.events());
                }
            }
            if (measured) {
                baselineRate.add(baseline.ordersPerSecond());
                baselineCommands.add(baseline.commandsPerOrder());
                baselineEvents.add(baseline.events());
            }
        }
        table.add(
                "b.seed",
                "seed-style find/save per item, " + MongoReplay.describe(baselineEvents, data.size()),
                baselineRate.sample(),
                Unit.ORDERS_PER_SECOND,
                null);
        table.add(
                "b.seed-cmd",
                "seed-style commands per order",
                baselineCommands.sample(),
                Unit.COMMANDS_PER_ORDER,
                null);
        for (int b = 0; b < BATCH_SIZES.length; b++) {
            String id = "b.store-" + BATCH_SIZES[b];
            table.add(
                    id,
                    String.format(
                            Locale.ROOT,
                            "MongoAnalyticsStore, recordAll batch %,d, %s",
                            BATCH_SIZES[b],
                            MongoReplay.describe(events[b], data.size())),
                    rate[b].sample(),
                    Unit.ORDERS_PER_SECOND,
                    null);
            table.add(
                    "b.store-cmd-" + BATCH_SIZES[b],
                    "store commands per order, batch " + BATCH_SIZES[b],
                    commands[b].sample(),
                    Unit.COMMANDS_PER_ORDER,
                    Target.atMost(TARGET_COMMANDS_PER_ORDER));
            table.add(
                    "b.ratio-" + BATCH_SIZES[b],
                    id + " / b.seed",
                    ratio[b].sample(),
                    Unit.RATIO,
                    Target.atLeast(TARGET_RATIO));
            table.add(
                    "b.ceiling-" + BATCH_SIZES[b],
                    String.format(
                            Locale.ROOT,
                            "ceiling: unguarded $inc upserts of" + " the same documents, batch %,d, %s",
                            BATCH_SIZES[b],
                            MongoReplay.describe(ceilingEvents[b], data.size())),
                    ceilingRate[b].sample(),
                    Unit.ORDERS_PER_SECOND,
                    null);
            table.add(
                    "b.ceiling-ratio-" + BATCH_SIZES[b],
                    "b.ceiling-" + BATCH_SIZES[b] + " / b.seed",
                    ceilingRatio[b].sample(),
                    Unit.RATIO,
                    null);
        }
        notes.add("b: in-process mongo-java-server (memory backend) over loopback; commands = driver commandStarted"
                + " events during the replay (store creation and index builds excluded); every MongoDB replay stops"
                + " after the batch during which its " + opt.mongoSeconds()
                + " s cap ran out (--mongo-seconds), and one"
                + " that overran the cap more than " + MongoReplay.OVERRUN_FACTOR + "x is not repeated (fewer runs)");
    }
}
