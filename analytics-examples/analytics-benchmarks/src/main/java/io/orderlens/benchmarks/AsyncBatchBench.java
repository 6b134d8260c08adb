package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import java.io.PrintStream;
import java.util.Locale;

/**
 * (d) Throughput of the async pipeline ({@code submit} every event, then {@code flush}) as its batch size grows, over
 * the in-memory store (store {@code apply} calls per order counted by a {@link CountingStore}) and over the MongoDB
 * store (database commands per order). MongoDB replays stop submitting at the time cap; a replay that overran the cap
 * by more than {@value MongoReplay.OVERRUN_FACTOR} times is not repeated.
 */
final class AsyncBatchBench {
    static final int[] BATCH_SIZES = {1, 10, 100, 1_000};
    static final int MEMORY_QUEUE = 10_000;

    private AsyncBatchBench() {}

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        int k = BATCH_SIZES.length;
        Series[] memRate = Series.array(k);
        Series[] memApplies = Series.array(k);
        Series[] mongoRate = Series.array(k);
        Series[] mongoCommands = Series.array(k);
        Series[] mongoEvents = Series.array(k);
        boolean[] overran = new boolean[k];
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] d: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            for (int b = 0; b < k; b++) {
                CountingStore store = new CountingStore(new InMemoryAnalyticsStore());
                long t0 = System.nanoTime();
                int n;
                try (Analytics analytics = Replay.async(store, BATCH_SIZES[b], MEMORY_QUEUE)) {
                    n = Replay.submitAll(analytics, data.events(), Long.MAX_VALUE);
                    long nanos = System.nanoTime() - t0;
                    if (measured) {
                        memRate[b].add(Replay.rate(n, nanos));
                        memApplies[b].add((double) store.applies() / n);
                    }
                }
            }
            for (int b = 0; b < k; b++) {
                if (overran[b]) {
                    continue;
                }
                MongoReplay r = mongoAsync(
                        mongo,
                        data,
                        BATCH_SIZES[b],
                        "bench_async_" + BATCH_SIZES[b] + "_" + run,
                        opt.mongoBudgetNanos());
                overran[b] = r.overran(opt.mongoBudgetNanos());
                if (measured || overran[b]) {
                    mongoRate[b].add(r.ordersPerSecond());
                    mongoCommands[b].add(r.commandsPerOrder());
                    mongoEvents[b].add(r.events());
                }
            }
        }
        for (int b = 0; b < k; b++) {
            table.add(
                    "d.memory-" + BATCH_SIZES[b],
                    String.format(
                            Locale.ROOT, "async in-memory, batch %,d, all %,d events", BATCH_SIZES[b], data.size()),
                    memRate[b].sample(),
                    Unit.ORDERS_PER_SECOND,
                    null);
            table.add(
                    "d.memory-apply-" + BATCH_SIZES[b],
                    "store apply calls per order, batch " + BATCH_SIZES[b],
                    memApplies[b].sample(),
                    Unit.APPLIES_PER_ORDER,
                    null);
        }
        for (int b = 0; b < k; b++) {
            table.add(
                    "d.mongo-" + BATCH_SIZES[b],
                    String.format(
                            Locale.ROOT,
                            "async MongoDB, batch %,d, %s",
                            BATCH_SIZES[b],
                            MongoReplay.describe(mongoEvents[b], data.size())),
                    mongoRate[b].sample(),
                    Unit.ORDERS_PER_SECOND,
                    null);
            table.add(
                    "d.mongo-cmd-" + BATCH_SIZES[b],
                    "database commands per order, batch " + BATCH_SIZES[b],
                    mongoCommands[b].sample(),
                    Unit.COMMANDS_PER_ORDER,
                    null);
        }
        notes.add("d: async pipeline with a bounded queue that blocks the submitter when full (" + MEMORY_QUEUE
                + " events in memory, max(100, batch) for MongoDB); time = first submit to flush complete");
    }

    private static MongoReplay mongoAsync(
            InProcessMongo mongo, Dataset data, int batchSize, String dbName, long budgetNanos) {
        MongoDatabase db = mongo.database(dbName);
        db.drop();
        try (Analytics analytics = Replay.async(MongoAnalyticsStore.create(db), batchSize, Math.max(100, batchSize))) {
            long c0 = mongo.commands().count();
            long t0 = System.nanoTime();
            int n = Replay.submitAll(analytics, data.events(), budgetNanos);
            long nanos = System.nanoTime() - t0;
            return new MongoReplay(n, nanos, mongo.commands().count() - c0);
        } finally {
            db.drop();
        }
    }
}
