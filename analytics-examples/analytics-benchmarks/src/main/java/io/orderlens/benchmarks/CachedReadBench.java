package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.redis.RedisAnalyticsCache;
import io.orderlens.analytics.redis.RedisCacheOptions;
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
 * dashboard over the data's whole date range and for customer profiles of a fixed set of real customers. Two cached
 * paths are measured side by side, call by call alternately: the cache as configured by default (near cache on: one
 * Redis round trip, the generation read, and no decoding) and the same cache with its near cache off (the generation
 * read, then a {@code GET} and a JSON decode). The data is loaded once; all three {@link Analytics} instances read the
 * same database and the two caches the same redis-server. Each run gives a p50 and a p99 per read path, and Redis
 * commands per warm read counted from the server's {@code INFO commandstats}; the table shows medians over the runs.
 */
final class CachedReadBench {
    static final int CUSTOMERS = 200;
    static final int LOAD_BATCH = 100;
    static final int LOAD_CAP_FACTOR = 6;
    static final int DASHBOARD_UNCACHED_CALLS = 40;
    static final int DASHBOARD_CACHED_CALLS = 2_000;
    static final int CUSTOMER_CACHED_ROUNDS = 5;
    static final int COMMAND_COUNT_READS = 100;
    static final double TARGET_CACHED_P50_MICROS = 100;
    static final double TARGET_RATIO = 10;

    private CachedReadBench() {}

    static void run(
            Dataset data,
            BenchOptions opt,
            InProcessMongo mongo,
            ResultTable table,
            Notes notes,
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
            notes.add(String.format(
                    Locale.ROOT,
                    "c: %s loaded into the MongoDB store in %.1f s (cap %d s); dashboard"
                            + " over %s..%s; %d customers, every profile read once per uncached round, %d times per cached"
                            + " round; redis-server on 127.0.0.1:%d",
                    loaded == data.size() ? "all " + loaded + " events" : "the first " + loaded + " events",
                    (System.nanoTime() - t0) / 1e9,
                    LOAD_CAP_FACTOR * opt.mongoSeconds(),
                    data.firstDay(),
                    data.lastDay(),
                    ids.size(),
                    CUSTOMER_CACHED_ROUNDS,
                    port));
            String uri = "redis://127.0.0.1:" + port;
            try (Analytics uncached = Replay.analytics(MongoAnalyticsStore.create(db));
                    Analytics cached = Analytics.builder()
                            .store(MongoAnalyticsStore.create(db))
                            .cache(RedisAnalyticsCache.create(uri))
                            .zone(OnlineRetailMapping.ZONE)
                            .build();
                    Analytics redisOnly = Analytics.builder()
                            .store(MongoAnalyticsStore.create(db))
                            .cache(RedisAnalyticsCache.builder()
                                    .uri(uri)
                                    .options(RedisCacheOptions.defaults().withNearCache(0))
                                    .build())
                            .zone(OnlineRetailMapping.ZONE)
                            .build();
                    RedisCommandCounter commands = new RedisCommandCounter(port)) {
                measure(data, ids, opt, new Paths(uncached, redisOnly, cached), commands, table, progress);
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

    /** The three read paths: the store alone, the cache with its near cache off, the cache as by default. */
    private record Paths(Analytics uncached, Analytics redisOnly, Analytics cached) {}

    private static void measure(
            Dataset data,
            List<String> ids,
            BenchOptions opt,
            Paths paths,
            RedisCommandCounter commands,
            ResultTable table,
            PrintStream progress) {
        LocalDate from = data.firstDay();
        LocalDate to = data.lastDay();
        Function<Analytics, Object> dashboard = a -> a.queries().dashboard(from, to);
        // warm both caches: one read of every key
        for (Analytics a : List.of(paths.redisOnly(), paths.cached())) {
            Sink.consume(dashboard.apply(a));
            for (String id : ids) {
                Sink.consume(a.queries().customer(id));
            }
        }
        Figures dash = new Figures();
        Figures cust = new Figures();
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] c: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            Latencies du = new Latencies(DASHBOARD_UNCACHED_CALLS);
            Latencies dr = new Latencies(DASHBOARD_CACHED_CALLS);
            Latencies dc = new Latencies(DASHBOARD_CACHED_CALLS);
            for (int i = 0; i < DASHBOARD_UNCACHED_CALLS; i++) {
                du.add(time(() -> dashboard.apply(paths.uncached())));
            }
            for (int i = 0; i < DASHBOARD_CACHED_CALLS; i++) {
                dr.add(time(() -> dashboard.apply(paths.redisOnly())));
                dc.add(time(() -> dashboard.apply(paths.cached())));
            }
            Latencies cu = new Latencies(ids.size());
            Latencies cr = new Latencies(ids.size() * CUSTOMER_CACHED_ROUNDS);
            Latencies cc = new Latencies(ids.size() * CUSTOMER_CACHED_ROUNDS);
            for (String id : ids) {
                cu.add(time(() -> paths.uncached().queries().customer(id)));
            }
            for (int r = 0; r < CUSTOMER_CACHED_ROUNDS; r++) {
                for (String id : ids) {
                    cr.add(time(() -> paths.redisOnly().queries().customer(id)));
                    cc.add(time(() -> paths.cached().queries().customer(id)));
                }
            }
            if (measured) {
                dash.add(
                        du,
                        dr,
                        dc,
                        commandsPerRead(commands, paths.redisOnly(), a -> dashboard.apply(a)),
                        commandsPerRead(commands, paths.cached(), a -> dashboard.apply(a)));
                cust.add(
                        cu,
                        cr,
                        cc,
                        commandsPerRead(
                                commands, paths.redisOnly(), a -> a.queries().customer(ids.get(0))),
                        commandsPerRead(
                                commands, paths.cached(), a -> a.queries().customer(ids.get(0))));
            }
        }
        dash.addRows(table, "c.dashboard", "dashboard(" + from + ", " + to + ")", Target.atLeast(TARGET_RATIO));
        cust.addRows(table, "c.customer", "customer(id)", null);
    }

    /** Redis commands per warm read of {@code read} through {@code analytics}. */
    private static double commandsPerRead(
            RedisCommandCounter commands, Analytics analytics, Function<Analytics, Object> read) {
        long before = commands.count();
        for (int i = 0; i < COMMAND_COUNT_READS; i++) {
            Sink.consume(read.apply(analytics));
        }
        return (commands.count() - before) / (double) COMMAND_COUNT_READS;
    }

    /** One query's figures over the measured runs. */
    private static final class Figures {
        private final Series[] latency = Series.array(6);
        private final Series ratio = new Series();
        private final Series nearGain = new Series();
        private final Series[] commands = Series.array(2);

        void add(
                Latencies uncached,
                Latencies redisOnly,
                Latencies cached,
                double redisOnlyCommands,
                double cachedCommands) {
            Latencies[] paths = {uncached, redisOnly, cached};
            for (int i = 0; i < paths.length; i++) {
                latency[2 * i].add(paths[i].percentileMicros(50));
                latency[2 * i + 1].add(paths[i].percentileMicros(99));
            }
            ratio.add(uncached.percentileMicros(50) / cached.percentileMicros(50));
            nearGain.add(redisOnly.percentileMicros(50) / cached.percentileMicros(50));
            commands[0].add(redisOnlyCommands);
            commands[1].add(cachedCommands);
        }

        void addRows(ResultTable table, String id, String query, Target ratioTarget) {
            table.add(id + ".uncached.p50", query + " from MongoDB, p50", latency[0].sample(), Unit.MICROS, null);
            table.add(id + ".uncached.p99", query + " from MongoDB, p99", latency[1].sample(), Unit.MICROS, null);
            table.add(
                    id + ".redis-only.p50",
                    query + " via Redis cache, near cache off (warm), p50",
                    latency[2].sample(),
                    Unit.MICROS,
                    null);
            table.add(
                    id + ".redis-only.p99",
                    query + " via Redis cache, near cache off (warm), p99",
                    latency[3].sample(),
                    Unit.MICROS,
                    null);
            table.add(
                    id + ".cached.p50",
                    query + " via Redis cache, near cache on (warm), p50",
                    latency[4].sample(),
                    Unit.MICROS,
                    Target.atMost(TARGET_CACHED_P50_MICROS));
            table.add(
                    id + ".cached.p99",
                    query + " via Redis cache, near cache on (warm), p99",
                    latency[5].sample(),
                    Unit.MICROS,
                    null);
            table.add(id + ".ratio.p50", "p50 uncached / p50 cached", ratio.sample(), Unit.RATIO, ratioTarget);
            table.add(
                    id + ".near-gain.p50",
                    "p50 near cache off / p50 near cache on",
                    nearGain.sample(),
                    Unit.RATIO,
                    null);
            table.add(
                    id + ".redis-only.cmd",
                    "Redis commands per warm read, near cache off",
                    commands[0].sample(),
                    Unit.COMMANDS_PER_READ,
                    null);
            table.add(
                    id + ".cached.cmd",
                    "Redis commands per warm read, near cache on",
                    commands[1].sample(),
                    Unit.COMMANDS_PER_READ,
                    null);
        }
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
