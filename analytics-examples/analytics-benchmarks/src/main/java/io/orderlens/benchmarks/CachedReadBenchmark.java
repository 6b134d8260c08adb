package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.redis.RedisAnalyticsCache;
import io.orderlens.analytics.redis.RedisCacheOptions;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * JMH: read latency (sampled, so JMH prints p50, p99 and the rest) of the dashboard over the data's whole range and
 * of customer profiles, straight from the MongoDB store, through the Redis cache with its near cache off, and through
 * the Redis cache as configured by default. The first {@code limit} Online Retail events are loaded once into an
 * in-process MongoDB wire-protocol server; a real redis-server runs on a free loopback port. Both caches are warmed
 * before measuring. The Redis commands per read and the uncached/cached ratio are printed by {@link Benchmarks}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class CachedReadBenchmark {
    /** Customers whose profiles are read in turn. */
    static final int CUSTOMERS = 200;

    /** The Online Retail file; empty for the default locations of {@link BenchOptions}. */
    @Param("")
    public String input;

    /** Events (invoices) of the file loaded into the store, from its start. */
    @Param("5000")
    public int limit;

    private InProcessMongo mongo;
    private RedisServer redis;
    private Dataset data;
    private List<String> customers;
    private int next;
    private Analytics uncached;
    private Analytics redisOnly;
    private Analytics cached;

    @Setup(Level.Trial)
    public void start() throws IOException {
        data = Dataset.load(input.isEmpty() ? BenchOptions.defaultInput() : Path.of(input), limit);
        customers = CachedReadBench.spread(data.customerIds(), CUSTOMERS);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        redis = new RedisServer(port);
        redis.start();
        mongo = new InProcessMongo();
        MongoDatabase db = mongo.database("jmh_reads");
        try (Analytics loader = Replay.analytics(MongoAnalyticsStore.create(db))) {
            Replay.recordAll(loader, data.events(), 100);
        }
        String uri = "redis://127.0.0.1:" + port;
        uncached = Replay.analytics(MongoAnalyticsStore.create(db));
        redisOnly = Analytics.builder()
                .store(MongoAnalyticsStore.create(db))
                .cache(RedisAnalyticsCache.builder()
                        .uri(uri)
                        .options(RedisCacheOptions.defaults().withNearCache(0))
                        .build())
                .zone(OnlineRetailMapping.ZONE)
                .build();
        cached = Analytics.builder()
                .store(MongoAnalyticsStore.create(db))
                .cache(RedisAnalyticsCache.create(uri))
                .zone(OnlineRetailMapping.ZONE)
                .build();
        for (Analytics a : List.of(redisOnly, cached)) {
            dashboard(a);
            for (String id : customers) {
                a.queries().customer(id);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        for (Analytics a : new Analytics[] {uncached, redisOnly, cached}) {
            if (a != null) {
                a.close();
            }
        }
        if (mongo != null) {
            mongo.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    private Dashboard dashboard(Analytics a) {
        return a.queries().dashboard(data.firstDay(), data.lastDay());
    }

    private Optional<CustomerProfile> customer(Analytics a) {
        String id = customers.get(next);
        next = (next + 1) % customers.size();
        return a.queries().customer(id);
    }

    @Benchmark
    public Dashboard dashboardUncached() {
        return dashboard(uncached);
    }

    @Benchmark
    public Dashboard dashboardRedisNearCacheOff() {
        return dashboard(redisOnly);
    }

    @Benchmark
    public Dashboard dashboardRedisNearCacheOn() {
        return dashboard(cached);
    }

    @Benchmark
    public Optional<CustomerProfile> customerUncached() {
        return customer(uncached);
    }

    @Benchmark
    public Optional<CustomerProfile> customerRedisNearCacheOff() {
        return customer(redisOnly);
    }

    @Benchmark
    public Optional<CustomerProfile> customerRedisNearCacheOn() {
        return customer(cached);
    }
}
