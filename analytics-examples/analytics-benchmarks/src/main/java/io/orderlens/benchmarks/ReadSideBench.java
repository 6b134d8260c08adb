package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * (r) The read side: each query of the dashboard's kind answered by the library in memory and on MongoDB (the
 * in-process server), and by every {@link ReadSidePeer} found (DuckDB in the {@code peers} build), with the same keys,
 * in the same run, and every answer checked equal to the in-memory one call by call: a difference fails the run. The
 * events are recorded in memory; the MongoDB store is written from that store's snapshot by {@code
 * replaceAggregates} (the rebuild path), so both hold the same counters; each peer loads the raw lines of the same
 * events once. Top products on MongoDB are timed twice: the first read of the list (a sorted find over every product)
 * and later reads (filtered on where the last list ended). "Now" (a customer's order frequency) is one fixed instant
 * for all of them.
 */
final class ReadSideBench {
    static final int CUSTOMERS = 200;
    static final int CALLS = 200;
    static final int DASHBOARD_CALLS = 20;
    static final int SERIES_DAYS = 30;
    static final double TARGET_TOP_P50_MICROS = 10_000;
    static final double TARGET_PROFILE_P50_MICROS = 5_000;

    private ReadSideBench() {}

    /**
     * A query: a name for the table, how to ask it of the library and of a peer for the i-th call, and what the i-th
     * call asks (for a disagreement's message).
     */
    private record Query(
            String id,
            String label,
            int calls,
            BiFunction<Analytics, Integer, Object> ask,
            BiFunction<ReadSidePeer, Integer, Object> askPeer,
            IntFunction<String> call) {}

    /**
     * Every peer the class path provides (none in the default build), by id; the caller closes them. A provider that
     * is listed but cannot be loaded (say, a services file left in the output by an earlier {@code peers} build) is
     * left out and described in {@code problems}.
     */
    static List<ReadSidePeer> discoverPeers(List<String> problems) {
        List<ReadSidePeer> peers = new ArrayList<>();
        Iterator<ReadSidePeer> it = ServiceLoader.load(ReadSidePeer.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                peers.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add("a listed peer could not be loaded and is left out (after a -Ppeers build, mvn clean"
                        + " before a default one): " + e.getMessage());
            }
        }
        peers.sort(Comparator.comparing(ReadSidePeer::id));
        return peers;
    }

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        List<String> problems = new ArrayList<>();
        List<ReadSidePeer> peers = discoverPeers(problems);
        problems.forEach(p -> notes.add("r: " + p));
        try {
            run(data, opt, mongo, peers, table, notes, progress);
        } finally {
            peers.forEach(ReadSidePeer::close);
        }
    }

    /**
     * Runs the measurement with {@code peers} next to the library (they are loaded here, closed by the caller).
     *
     * @throws IllegalStateException if any answer differs from the in-memory one
     */
    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            List<ReadSidePeer> peers,
            ResultTable table,
            Notes notes,
            PrintStream progress) {
        Clock clock = Clock.fixed(Instant.now(), OnlineRetailMapping.ZONE);
        progress.println("[bench] r: recording the events in memory and writing them to MongoDB");
        InMemoryAnalyticsStore memoryStore = new InMemoryAnalyticsStore();
        MongoDatabase db = mongo.database("bench_read_side");
        db.drop();
        try (Analytics memory = Replay.analytics(memoryStore, clock)) {
            Replay.recordAll(memory, data.events(), 1_000);
            MongoAnalyticsStore mongoStore = MongoAnalyticsStore.create(db);
            mongoStore.replaceAggregates(memoryStore.snapshot());
            List<String> loads = new ArrayList<>();
            for (ReadSidePeer peer : peers) {
                progress.println("[bench] r: loading the lines into " + peer.id());
                long t0 = System.nanoTime();
                peer.load(data.events(), OnlineRetailMapping.ZONE, clock);
                loads.add(String.format(
                        Locale.ROOT,
                        "%s: %s (loaded in %,.0f ms)",
                        peer.id(),
                        peer.describe(),
                        (System.nanoTime() - t0) / 1e6));
            }
            List<String> ids = spread(data.customerIds(), CUSTOMERS);
            LocalDate seriesTo = data.lastDay();
            LocalDate seriesFrom = seriesTo.minusDays(SERIES_DAYS - 1);
            List<Query> queries = List.of(
                    new Query(
                            "profile",
                            "customer(id), " + ids.size() + " customers in turn",
                            CALLS,
                            (a, i) -> a.queries().customer(ids.get(i % ids.size())),
                            (p, i) -> p.customer(ids.get(i % ids.size())),
                            i -> "customer(" + ids.get(i % ids.size()) + ")"),
                    new Query(
                            "top10",
                            "topProducts(REVENUE, 10)",
                            CALLS,
                            (a, i) -> a.queries().topProducts(ProductRanking.REVENUE, 10),
                            (p, i) -> p.topProductsByRevenue(10),
                            i -> "topProducts(REVENUE, 10)"),
                    new Query(
                            "daily30",
                            "daily(" + seriesFrom + ", " + seriesTo + ")",
                            CALLS,
                            (a, i) -> a.queries().daily(seriesFrom, seriesTo),
                            (p, i) -> p.daily(seriesFrom, seriesTo),
                            i -> "daily(" + seriesFrom + ", " + seriesTo + ")"),
                    new Query(
                            "dashboard",
                            "dashboard(" + data.firstDay() + ", " + data.lastDay() + ")",
                            DASHBOARD_CALLS,
                            (a, i) -> a.queries().dashboard(data.firstDay(), data.lastDay()),
                            (p, i) -> p.dashboard(data.firstDay(), data.lastDay()),
                            i -> "dashboard(" + data.firstDay() + ", " + data.lastDay() + ")"));
            Series[] inMemory = Series.array(queries.size());
            Series[] onMongo = Series.array(queries.size());
            Series[][] onPeers = new Series[peers.size()][];
            for (int p = 0; p < peers.size(); p++) {
                onPeers[p] = Series.array(queries.size());
            }
            Series topFirst = new Series();
            int checks = 0;
            int peerChecks = 0;
            int total = opt.warmups() + opt.runs();
            for (int run = 0; run < total; run++) {
                boolean measured = run >= opt.warmups();
                progress.printf("[bench] r: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
                // a new instance per run: its first top list is a full sorted find
                try (Analytics onServer = Replay.analytics(MongoAnalyticsStore.create(db), clock)) {
                    long t0 = System.nanoTime();
                    Object first = onServer.queries().topProducts(ProductRanking.REVENUE, 10);
                    long firstNanos = System.nanoTime() - t0;
                    checks += agree(
                            "MongoDB",
                            "topProducts(REVENUE, 10)",
                            first,
                            memory.queries().topProducts(ProductRanking.REVENUE, 10));
                    for (int q = 0; q < queries.size(); q++) {
                        Query query = queries.get(q);
                        Latencies mem = new Latencies(query.calls());
                        Latencies srv = new Latencies(query.calls());
                        Latencies[] peer = new Latencies[peers.size()];
                        for (int p = 0; p < peers.size(); p++) {
                            peer[p] = new Latencies(query.calls());
                        }
                        for (int i = 0; i < query.calls(); i++) {
                            long a = System.nanoTime();
                            Object fromMemory = query.ask().apply(memory, i);
                            long b = System.nanoTime();
                            Object fromServer = query.ask().apply(onServer, i);
                            long c = System.nanoTime();
                            mem.add(b - a);
                            srv.add(c - b);
                            checks += agree("MongoDB", query.call().apply(i), fromServer, fromMemory);
                            for (int p = 0; p < peers.size(); p++) {
                                long d = System.nanoTime();
                                Object fromPeer = query.askPeer().apply(peers.get(p), i);
                                peer[p].add(System.nanoTime() - d);
                                peerChecks +=
                                        agree(peers.get(p).id(), query.call().apply(i), fromPeer, fromMemory);
                            }
                        }
                        if (measured) {
                            inMemory[q].add(mem.percentileMicros(50));
                            onMongo[q].add(srv.percentileMicros(50));
                            for (int p = 0; p < peers.size(); p++) {
                                onPeers[p][q].add(peer[p].percentileMicros(50));
                            }
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
                for (int p = 0; p < peers.size(); p++) {
                    table.add(
                            "r." + query.id() + "." + peers.get(p).id() + ".p50",
                            query.label() + ", " + peers.get(p).id() + " from the raw lines, p50",
                            onPeers[p][q].sample(),
                            Unit.MICROS,
                            null);
                }
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
            if (peers.isEmpty()) {
                notes.add("r: no peer on the class path (the peers build, mvn -Ppeers, adds DuckDB)");
            } else {
                notes.add(String.format(
                        Locale.ROOT,
                        "r: peers from the raw lines of the same events, asked the same calls with the same keys;"
                                + " %,d of their answers compared with the library's, all equal",
                        peerChecks));
                loads.forEach(line -> notes.add("r: " + line));
            }
        } finally {
            db.drop();
        }
    }

    /**
     * One check: {@code system}'s answer to {@code call} equals the library's in-memory answer.
     *
     * @return 1, the number of checks made
     * @throws IllegalStateException naming the system, the call and both answers if they differ
     */
    static int agree(String system, String call, Object answer, Object fromMemory) {
        if (!Objects.equals(answer, fromMemory)) {
            throw new IllegalStateException(call + ": " + system + " answered " + answer
                    + " where the library in memory answered " + fromMemory);
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
