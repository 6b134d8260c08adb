package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.query.ProductRanking;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * (r) The read side: each query of the dashboard's kind answered by the library in memory and on MongoDB (the
 * in-process server), with the same keys, in the same run, and the two answers checked equal call by call. The
 * events are recorded in memory; the MongoDB store is written from that store's snapshot by {@code
 * replaceAggregates} (the rebuild path), so both hold the same counters. Top products on MongoDB are timed twice: the
 * first read of the list (a sorted find over every product) and later reads (filtered on where the last list ended).
 */
final class ReadSideBench {
    static final int CUSTOMERS = 200;
    static final int CALLS = 200;
    static final int DASHBOARD_CALLS = 20;
    static final int SERIES_DAYS = 30;
    static final double TARGET_TOP_P50_MICROS = 10_000;
    static final double TARGET_PROFILE_P50_MICROS = 5_000;

    private ReadSideBench() {}

    /** A query: a name for the table, and how to ask it of one instance for the i-th call. */
    private record Query(String id, String label, int calls, BiFunction<Analytics, Integer, Object> ask) {}

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        progress.println("[bench] r: recording the events in memory and writing them to MongoDB");
        InMemoryAnalyticsStore memoryStore = new InMemoryAnalyticsStore();
        MongoDatabase db = mongo.database("bench_read_side");
        db.drop();
        try (Analytics memory = Replay.analytics(memoryStore)) {
            Replay.recordAll(memory, data.events(), 1_000);
            MongoAnalyticsStore mongoStore = MongoAnalyticsStore.create(db);
            mongoStore.replaceAggregates(memoryStore.snapshot());
            List<String> ids = spread(data.customerIds(), CUSTOMERS);
            LocalDate seriesTo = data.lastDay();
            LocalDate seriesFrom = seriesTo.minusDays(SERIES_DAYS - 1);
            List<Query> queries = List.of(
                    new Query(
                            "profile",
                            "customer(id), " + ids.size() + " customers in turn",
                            CALLS,
                            (a, i) -> a.queries().customer(ids.get(i % ids.size()))),
                    new Query(
                            "top10",
                            "topProducts(REVENUE, 10)",
                            CALLS,
                            (a, i) -> a.queries().topProducts(ProductRanking.REVENUE, 10)),
                    new Query(
                            "daily30",
                            "daily(" + seriesFrom + ", " + seriesTo + ")",
                            CALLS,
                            (a, i) -> a.queries().daily(seriesFrom, seriesTo)),
                    new Query(
                            "dashboard",
                            "dashboard(" + data.firstDay() + ", " + data.lastDay() + ")",
                            DASHBOARD_CALLS,
                            (a, i) -> a.queries().dashboard(data.firstDay(), data.lastDay())));
            Series[] inMemory = Series.array(queries.size());
            Series[] onMongo = Series.array(queries.size());
            Series topFirst = new Series();
            int checks = 0;
            int total = opt.warmups() + opt.runs();
            for (int run = 0; run < total; run++) {
                boolean measured = run >= opt.warmups();
                progress.printf("[bench] r: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
                // a new instance per run: its first top list is a full sorted find
                try (Analytics onServer = Replay.analytics(MongoAnalyticsStore.create(db))) {
                    long t0 = System.nanoTime();
                    Object first = onServer.queries().topProducts(ProductRanking.REVENUE, 10);
                    long firstNanos = System.nanoTime() - t0;
                    checks += agree("top10", first, memory.queries().topProducts(ProductRanking.REVENUE, 10));
                    for (int q = 0; q < queries.size(); q++) {
                        Query query = queries.get(q);
                        Latencies mem = new Latencies(query.calls());
                        Latencies srv = new Latencies(query.calls());
                        for (int i = 0; i < query.calls(); i++) {
                            long a = System.nanoTime();
                            Object fromMemory = query.ask().apply(memory, i);
                            long b = System.nanoTime();
                            Object fromServer = query.ask().apply(onServer, i);
                            long c = System.nanoTime();
                            mem.add(b - a);
                            srv.add(c - b);
                            checks += agree(query.id(), fromServer, fromMemory);
                        }
                        if (measured) {
                            inMemory[q].add(mem.percentileMicros(50));
                            onMongo[q].add(srv.percentileMicros(50));
                        }
                    }
                    if (measured) {
                        topFirst.add(firstNanos / 1_000.0);
                    }
                }
            }
            for (int q = 0; q < queries.size(); q++) {
                Query query = queries.get(q);
                table.add(
                        "r." + query.id() + ".memory.p50",
                        query.label() + ", in memory, p50",
                        inMemory[q].sample(),
                        Unit.MICROS,
                        null);
                Target target = switch (query.id()) {
                    case "profile" -> Target.atMost(TARGET_PROFILE_P50_MICROS);
                    case "top10" -> Target.atMost(TARGET_TOP_P50_MICROS);
                    default -> null;
                };
                table.add(
                        "r." + query.id() + ".mongo.p50",
                        query.label() + ", MongoDB (in-process server), p50",
                        onMongo[q].sample(),
                        Unit.MICROS,
                        target);
            }
            table.add(
                    "r.top10.mongo.first",
                    "topProducts(REVENUE, 10), MongoDB, first read of a new instance (sorted find of every product)",
                    topFirst.sample(),
                    Unit.MICROS,
                    null);
            notes.add(String.format(
                    Locale.ROOT,
                    "r: all %,d events recorded in memory, the MongoDB store written from its snapshot; %d calls per"
                            + " query and run (dashboard %d), the two stores alternately; %,d answers compared, all equal",
                    data.size(),
                    CALLS,
                    DASHBOARD_CALLS,
                    checks));
        } finally {
            db.drop();
        }
    }

    /** @throws IllegalStateException if the answers differ */
    private static int agree(String query, Object fromServer, Object fromMemory) {
        if (!Objects.equals(fromServer, fromMemory)) {
            throw new IllegalStateException(
                    query + ": MongoDB answered " + fromServer + " where memory answered " + fromMemory);
        }
        return 1;
    }

    /** {@code count} ids spread evenly over {@code ids} (all of them if there are fewer). */
    private static List<String> spread(List<String> ids, int count) {
        if (ids.size() <= count) {
            return ids;
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ids.get((int) ((long) i * ids.size() / count)));
        }
        return out;
    }
}
