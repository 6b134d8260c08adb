package io.orderlens.examples.bench;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.redis.RedisAnalyticsCache;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import redis.embedded.RedisServer;

/**
 * (c) Read latency straight from the MongoDB store versus through a warm {@link RedisAnalyticsCache}, for the
 * dashboard over the data's whole date range and for customer profiles of a fixed set of real customers. The data is
 * loaded once; both {@link Analytics} instances read the same database, measured alternately in every run. Each run
 * gives a p50 and a p99 per read path; the table shows their median over the runs.
 */
final class CachedReadBench {
    static final int CUSTOMERS = 200;
    static final int LOAD_BATCH = 100;
    static final int LOAD_CAP_FACTOR = 6;
    static final int DASHBOARD_UNCACHED_CALLS = 40;
    static final int DASHBOARD_CACHED_CALLS = 2_000;
    static final int CUSTOMER_CACHED_ROUNDS = 5;
    static final double TARGET_CACHED_P50_MICROS = 100;
    static final double TARGET_RATIO = 10;

    private CachedReadBench() {}

    static void run(Dataset data, BenchOptions opt, InProcessMongo mongo, ResultTable table, Notes notes,
            PrintStream progress) {
        RedisServer redis;
        int port;
        try {
            port = freePort();
            redis = new RedisServer(port);
            redis.start();
        } catch (IOException | RuntimeException e) {
            table.skip("c", "Redis-cached vs uncached reads", "cannot start redis-server: " + e.getMessage());
            return;
        }
        MongoDatabase db = mongo.database("bench_reads");
        db.drop();
        try {
            progress.println("[bench] c: loading the events into the MongoDB store");
            long t0 = System.nanoTime();
            int loaded;
            try (Analytics loader = Replay.analytics(MongoAnalyticsStore.create(db))) {
                loaded = Replay.recordAll(loader, data.events(), LOAD_BATCH, LOAD_CAP_FACTOR * opt.mongoBudgetNanos());
            }
            List<String> ids = spread(Dataset.customerIds(data.prefix(loaded)), CUSTOMERS);
            notes.add(String.format(Locale.ROOT, "c: %s loaded into the MongoDB store in %.1f s (cap %d s); dashboard"
                    + " over %s..%s; %d customers, every profile read once per uncached round, %d times per cached"
                    + " round; redis-server on 127.0.0.1:%d", loaded == data.size() ? "all " + loaded + " events"
                    : "the first " + loaded + " events", (System.nanoTime() - t0) / 1e9,
                    LOAD_CAP_FACTOR * opt.mongoSeconds(), data.firstDay(), data.lastDay(), ids.size(),
                    CUSTOMER_CACHED_ROUNDS, port));
            try (Analytics uncached = Replay.analytics(MongoAnalyticsStore.create(db));
                    Analytics cached = Analytics.builder()
                            .store(MongoAnalyticsStore.create(db))
                            .cache(RedisAnalyticsCache.create("redis://127.0.0.1:" + port))
                            .zone(OnlineRetailMapping.ZONE)
                            .build()) {
                measure(data, ids, opt, uncached, cached, table, progress);
            }
        } finally {
            db.drop();
            try {
                redis.stop();
            } catch (IOException e) {
                notes.add("c: stopping redis-server failed: " + e.getMessage());
            }
        }
    }

    private static void measure(Dataset data, List<String> ids, BenchOptions opt, Analytics uncached,
            Analytics cached, ResultTable table, PrintStream progress) {
        LocalDate from = data.firstDay();
        LocalDate to = data.lastDay();
        Function<Analytics, Object> dashboard = a -> a.queries().dashboard(from, to);
        // warm the cache: one read of every key
        Sink.consume(dashboard.apply(cached));
        for (String id : ids) {
            Sink.consume(cached.queries().customer(id));
        }
        Series[] dash = Series.array(4);
        Series[] cust = Series.array(4);
        Series dashRatio = new Series();
        Series custRatio = new Series();
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] c: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            Latencies du = new Latencies(DASHBOARD_UNCACHED_CALLS);
            Latencies dc = new Latencies(DASHBOARD_CACHED_CALLS);
            for (int i = 0; i < DASHBOARD_UNCACHED_CALLS; i++) {
                du.add(time(() -> dashboard.apply(uncached)));
            }
            for (int i = 0; i < DASHBOARD_CACHED_CALLS; i++) {
                dc.add(time(() -> dashboard.apply(cached)));
            }
            Latencies cu = new Latencies(ids.size());
            Latencies cc = new Latencies(ids.size() * CUSTOMER_CACHED_ROUNDS);
            for (String id : ids) {
                cu.add(time(() -> uncached.queries().customer(id)));
            }
            for (int r = 0; r < CUSTOMER_CACHED_ROUNDS; r++) {
                for (String id : ids) {
                    cc.add(time(() -> cached.queries().customer(id)));
                }
            }
            if (measured) {
                addPercentiles(dash, du, dc);
                addPercentiles(cust, cu, cc);
                dashRatio.add(du.percentileMicros(50) / dc.percentileMicros(50));
                custRatio.add(cu.percentileMicros(50) / cc.percentileMicros(50));
            }
        }
        addRows(table, "c.dashboard", "dashboard(" + from + ", " + to + ")", dash, dashRatio,
                Target.atLeast(TARGET_RATIO));
        addRows(table, "c.customer", "customer(id)", cust, custRatio, null);
    }

    private static void addPercentiles(Series[] s, Latencies uncached, Latencies cached) {
        s[0].add(uncached.percentileMicros(50));
        s[1].add(uncached.percentileMicros(99));
        s[2].add(cached.percentileMicros(50));
        s[3].add(cached.percentileMicros(99));
    }

    private static void addRows(ResultTable table, String id, String query, Series[] s, Series ratio,
            Target ratioTarget) {
        table.add(id + ".uncached.p50", query + " from MongoDB, p50", s[0].sample(), Unit.MICROS, null);
        table.add(id + ".uncached.p99", query + " from MongoDB, p99", s[1].sample(), Unit.MICROS, null);
        table.add(id + ".cached.p50", query + " via Redis cache (warm), p50", s[2].sample(), Unit.MICROS,
                Target.atMost(TARGET_CACHED_P50_MICROS));
        table.add(id + ".cached.p99", query + " via Redis cache (warm), p99", s[3].sample(), Unit.MICROS, null);
        table.add(id + ".ratio.p50", "p50 uncached / p50 cached", ratio.sample(), Unit.RATIO, ratioTarget);
    }

    private static long time(java.util.function.Supplier<Object> read) {
        long t0 = System.nanoTime();
        Object result = read.get();
        long elapsed = System.nanoTime() - t0;
        Sink.consume(result);
        return elapsed;
    }

    /** At most {@code n} elements spread evenly over {@code all}. */
    static List<String> spread(List<String> all, int n) {
        if (all.size() <= n) {
            return all;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
