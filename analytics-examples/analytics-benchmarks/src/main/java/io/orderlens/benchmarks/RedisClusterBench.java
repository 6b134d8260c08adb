package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.redis.RedisAnalyticsCache;
import io.orderlens.analytics.spi.CacheScope;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The cache on one Redis against a Redis Cluster of three masters (no replicas, so bumps make no {@code WAIT}),
 * printed as measured (no assertion): single-thread warm-read latency (p50, p99), warm-read and invalidation
 * throughput from {@value #THREADS} threads, and how the Redis commands of the read phase spread over the masters.
 * Every {@code redis-server} runs on loopback and is started and stopped by the program. The store is in memory, so
 * the figures are the cache's. The two set-ups are measured alternately, after one discarded warm-up round each; each
 * figure is the median of the runs (the command shares their mean). Run:
 * {@code java -cp analytics-benchmarks.jar io.orderlens.benchmarks.RedisClusterBench [runs] [seconds-per-phase]}
 * (defaults 3 and 3).
 */
public final class RedisClusterBench {
    static final int THREADS = 4;
    private static final int CUSTOMERS = 2_000;
    private static final int PRODUCTS = 200;
    private static final int LATENCY_READS = 20_000;
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration FORM_BOUND = Duration.ofSeconds(30);

    private RedisClusterBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        run(runs, Duration.ofMillis((long) (seconds * 1000)), System.out);
    }

    /** Measures both set-ups {@code runs} times with phases of {@code phase} each and prints the medians. */
    static void run(int runs, Duration phase, PrintStream out) throws Exception {
        if (runs < 1 || phase.isNegative() || phase.isZero()) {
            throw new IllegalArgumentException(
                    "runs must be at least 1 and the phase positive, got " + runs + ", " + phase);
        }
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores; %d runs, phases of %.1f s, %d threads, %,d customers, near cache on%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                runs,
                phase.toMillis() / 1000.0,
                THREADS,
                CUSTOMERS);
        Figures single;
        Figures cluster;
        try (Servers one = Servers.standalone();
                Servers three = Servers.cluster(3);
                Setup onOne = new Setup(one);
                Setup onThree = new Setup(three)) {
            onOne.measureOnce(phase); // warm-up, discarded
            onThree.measureOnce(phase);
            for (int run = 0; run < runs; run++) {
                onOne.measureOnce(phase);
                onThree.measureOnce(phase);
            }
            single = onOne.medians();
            cluster = onThree.medians();
        }
        print(out, "1 Redis", single);
        print(out, "3-master cluster", cluster);
        out.printf(
                Locale.ROOT,
                "%-56s %10.2f x%n",
                "warm-read p50, cluster / single",
                cluster.p50Micros / single.p50Micros);
        out.printf(
                Locale.ROOT,
                "%-56s %10.2f x%n",
                "warm reads/s from " + THREADS + " threads, cluster / single",
                cluster.readsPerSecond / single.readsPerSecond);
        out.printf(
                Locale.ROOT,
                "%-56s %10.2f x%n",
                "invalidations/s from " + THREADS + " threads, cluster / single",
                cluster.invalidationsPerSecond / single.invalidationsPerSecond);
    }

    /** Medians over the runs of one set-up; {@code readShares} is per master, busiest first. */
    record Figures(
            double p50Micros,
            double p99Micros,
            double readsPerSecond,
            double invalidationsPerSecond,
            double[] readShares) {}

    /**
     * One set-up: an {@link Analytics} instance with an in-memory store and a cache on {@code servers}, loaded with
     * one delivered order per customer and warmed; each {@link #measureOnce} adds one sample of every figure after
     * the first (a warm-up).
     */
    private static final class Setup implements AutoCloseable {
        private final Servers servers;
        private final UnifiedJedis client;
        private final RedisAnalyticsCache cache;
        private final Analytics analytics;
        private final List<double[]> samples = new ArrayList<>();
        private final double[] shares;
        private boolean warmedUp;

        Setup(Servers servers) {
            this.servers = servers;
            this.client = servers.client();
            this.cache = RedisAnalyticsCache.create(client);
            this.analytics = Analytics.builder()
                    .store(new InMemoryAnalyticsStore())
                    .cache(cache)
                    .zone(ZONE)
                    .clock(Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC))
                    .build();
            this.shares = new double[servers.ports.size()];
            List<OrderEvent> events = new ArrayList<>(CUSTOMERS);
            for (int i = 0; i < CUSTOMERS; i++) {
                Order o = new Order(
                        "o-" + i,
                        Customer.of("c-" + i),
                        T0.plus(Duration.ofMinutes(i)),
                        List.of(new LineItem("p-" + (i % PRODUCTS), "Product", "cat", 1, new BigDecimal("9.99"))),
                        "GB");
                events.add(OrderEvent.delivered(o, o.placedAt()));
            }
            analytics.recordAll(events);
            for (int i = 0; i < CUSTOMERS; i++) {
                Sink.consume(analytics.queries().customer("c-" + i));
            }
        }

        void measureOnce(Duration phase) throws Exception {
            long[] latencies = new long[LATENCY_READS];
            for (int i = 0; i < LATENCY_READS; i++) {
                String id = "c-" + ThreadLocalRandom.current().nextInt(CUSTOMERS);
                long t0 = System.nanoTime();
                Object profile = analytics.queries().customer(id);
                latencies[i] = System.nanoTime() - t0;
                Sink.consume(profile);
            }
            Arrays.sort(latencies);
            long[] before = servers.commandsPerNode();
            double reads = throughput(
                    phase,
                    i -> Sink.consume(analytics
                            .queries()
                            .customer("c-" + ThreadLocalRandom.current().nextInt(CUSTOMERS))));
            double[] share = shares(before, servers.commandsPerNode());
            double invalidations = throughput(phase, i -> {
                int c = ThreadLocalRandom.current().nextInt(CUSTOMERS);
                cache.invalidate(List.of(CacheScope.customer("c-" + c), CacheScope.product("p-" + c % PRODUCTS)));
            });
            for (int i = 0; i < CUSTOMERS; i++) {
                Sink.consume(analytics.queries().customer("c-" + i)); // warm again after the invalidations
            }
            if (!warmedUp) {
                warmedUp = true;
                return;
            }
            samples.add(new double[] {
                latencies[LATENCY_READS / 2] / 1e3, latencies[(int) (LATENCY_READS * 0.99)] / 1e3, reads, invalidations
            });
            for (int m = 0; m < shares.length; m++) {
                shares[m] += share[m];
            }
        }

        Figures medians() {
            double[][] byFigure = new double[4][samples.size()];
            for (int r = 0; r < samples.size(); r++) {
                for (int f = 0; f < 4; f++) {
                    byFigure[f][r] = samples.get(r)[f];
                }
            }
            double[] meanShares = shares.clone();
            for (int m = 0; m < meanShares.length; m++) {
                meanShares[m] /= samples.size();
            }
            return new Figures(
                    median(byFigure[0]), median(byFigure[1]), median(byFigure[2]), median(byFigure[3]), meanShares);
        }

        @Override
        public void close() {
            analytics.close();
            cache.close();
            client.close();
        }
    }

    /** Operations per second of {@value #THREADS} threads each calling {@code op} in a loop for {@code phase}. */
    private static double throughput(Duration phase, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long end = System.nanoTime() + phase.toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                counts.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() - end < 0) {
                        op.accept((int) n);
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> f : counts) {
                total += f.get(phase.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
            return total / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] shares(long[] before, long[] after) {
        double[] out = new double[before.length];
        double total = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = after[i] - before[i];
            total += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = total == 0 ? 0 : out[i] / total;
        }
        Arrays.sort(out);
        for (int i = 0; i < out.length / 2; i++) {
            double t = out[i];
            out[i] = out[out.length - 1 - i];
            out[out.length - 1 - i] = t;
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(PrintStream out, String name, Figures f) {
        out.printf(Locale.ROOT, "%-56s %10.1f us%n", name + ": warm customer read, 1 thread, p50", f.p50Micros);
        out.printf(Locale.ROOT, "%-56s %10.1f us%n", name + ": warm customer read, 1 thread, p99", f.p99Micros);
        out.printf(
                Locale.ROOT,
                "%-56s %,10.0f reads/s%n",
                name + ": warm customer reads, " + THREADS + " threads",
                f.readsPerSecond);
        out.printf(
                Locale.ROOT,
                "%-56s %,10.0f invalidations/s%n",
                name + ": invalidations (2 scopes), " + THREADS + " threads",
                f.invalidationsPerSecond);
        StringBuilder shares = new StringBuilder();
        for (double s : f.readShares) {
            shares.append(shares.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f%%", 100 * s));
        }
        out.printf(Locale.ROOT, "%-56s %10s%n", name + ": Redis commands of the read phase per node", shares);
    }

    /** The redis-server processes of one set-up; closing stops them. */
    private static final class Servers implements AutoCloseable {
        private static final List<String> HOUSEKEEPING =
                List.of("info:", "ping:", "cluster|", "cluster:", "hello:", "client|", "client:", "command");
        private final List<RedisServer> servers = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private final boolean cluster;
        private final Path dir;

        private Servers(boolean cluster) throws IOException {
            this.cluster = cluster;
            this.dir = Files.createTempDirectory("orderlens-bench-redis");
        }

        static Servers standalone() throws IOException {
            Servers s = new Servers(false);
            s.start(false);
            return s;
        }

        /** {@code masters} cluster nodes on loopback, the slots split evenly, no replicas. */
        static Servers cluster(int masters) throws IOException {
            Servers s = new Servers(true);
            try {
                for (int i = 0; i < masters; i++) {
                    s.start(true);
                }
                try (Jedis first = admin(s.ports.get(0))) {
                    for (int port : s.ports.subList(1, masters)) {
                        first.clusterMeet("127.0.0.1", port);
                    }
                }
                for (int m = 0; m < masters; m++) {
                    int from = m * 16384 / masters;
                    int to = (m + 1) * 16384 / masters;
                    int[] slots = new int[to - from];
                    for (int slot = from; slot < to; slot++) {
                        slots[slot - from] = slot;
                    }
                    try (Jedis admin = admin(s.ports.get(m))) {
                        admin.clusterAddSlots(slots);
                    }
                }
                long deadline = System.nanoTime() + FORM_BOUND.toNanos();
                await(
                        deadline,
                        () -> s.ports.stream().allMatch(p -> {
                            try (Jedis admin = admin(p)) {
                                return admin.clusterInfo().contains("cluster_state:ok");
                            }
                        }));
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }

        UnifiedJedis client() {
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(16);
            pool.setMaxWait(Duration.ofSeconds(2));
            DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(2000)
                    .socketTimeoutMillis(2000)
                    .build();
            if (cluster) {
                Set<HostAndPort> nodes = new HashSet<>();
                ports.forEach(p -> nodes.add(new HostAndPort("127.0.0.1", p)));
                return RedisClusterClient.builder()
                        .nodes(nodes)
                        .clientConfig(config)
                        .poolConfig(pool)
                        .build();
            }
            return RedisClient.builder()
                    .hostAndPort(new HostAndPort("127.0.0.1", ports.get(0)))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
        }

        /**
         * Data commands each node has executed so far ({@code INFO commandstats}, less the housekeeping of clients and
         * of this count: {@code INFO}, {@code PING}, {@code CLUSTER}, {@code HELLO}, {@code CLIENT}, {@code COMMAND}).
         */
        long[] commandsPerNode() {
            long[] out = new long[ports.size()];
            for (int i = 0; i < out.length; i++) {
                try (Jedis admin = admin(ports.get(i))) {
                    long total = 0;
                    for (String line : admin.info("commandstats").split("\r?\n")) {
                        if (line.startsWith("cmdstat_") && !housekeeping(line)) {
                            int calls = line.indexOf("calls=");
                            total += Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
                        }
                    }
                    out[i] = total;
                }
            }
            return out;
        }

        private static boolean housekeeping(String commandStat) {
            for (String name : HOUSEKEEPING) {
                if (commandStat.startsWith("cmdstat_" + name)) {
                    return true;
                }
            }
            return false;
        }

        private void start(boolean clusterEnabled) throws IOException {
            int port = freePort(clusterEnabled);
            Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("dir " + nodeDir.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("appendonly no");
            if (clusterEnabled) {
                builder.setting("cluster-enabled yes")
                        .setting("cluster-config-file nodes.conf")
                        .setting("cluster-node-timeout 5000");
            }
            RedisServer server = builder.build();
            server.start();
            servers.add(server);
            ports.add(port);
        }

        @Override
        public void close() {
            for (RedisServer s : servers) {
                try {
                    s.stop();
                } catch (IOException | RuntimeException e) {
                    // the process may be gone already
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }

        private static Jedis admin(int port) {
            return new Jedis(
                    new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder()
                            .autoNegotiateProtocol(false)
                            .connectionTimeoutMillis(2000)
                            .socketTimeoutMillis(5000)
                            .build());
        }

        private static void await(long deadlineNanos, BooleanSupplier condition) {
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IllegalStateException("Redis Cluster not formed within " + FORM_BOUND);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
                }
            }
        }

        /** A free loopback port; for a cluster node, one whose bus port (port + 10000) is free too. */
        private static int freePort(boolean withBusPort) throws IOException {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port;
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = socket.getLocalPort();
                }
                if (!withBusPort) {
                    return port;
                }
                if (port + 10000 > 65535) {
                    continue;
                }
                try {
                    new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress()).close();
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
            throw new IOException("no free port pair found in 100 attempts");
        }
    }
}
