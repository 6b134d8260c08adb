package io.orderlens.analytics.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster on loopback: three masters, each with one replica, every node a redis-server process (the
 * binary shipped in embedded-redis) on free ports, formed with {@code CLUSTER MEET}, {@code ADDSLOTS} and
 * {@code REPLICATE}. {@link #start()} returns only when every node reports {@code cluster_state:ok} and every replica
 * is in sync, or fails within {@link #STARTUP_BOUND} and stops what it started. {@link #close()} stops every node it
 * started, by its process id; a JVM shutdown hook does the same if a test run ends without closing.
 */
final class RedisTestCluster implements AutoCloseable {
    /** The longest {@link #start()} waits for the cluster to form. */
    static final Duration STARTUP_BOUND = Duration.ofSeconds(30);

    private static final int MASTERS = 3;
    private static final int SLOTS = 16384;
    private static RedisTestCluster shared;

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyAll, "redis-test-cluster-stop");

    /** One redis-server process of the cluster. */
    static final class Node {
        final int port;
        final long pid;

        Node(int port, long pid) {
            this.port = port;
            this.pid = pid;
        }

        /** A fresh single connection with short timeouts; the caller closes it. */
        Jedis admin() {
            return RedisTestCluster.admin(port);
        }
    }

    private RedisTestCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * The cluster shared by the tests of this JVM that leave its topology as they found it (they may flush it);
     * started on first use, stopped when the JVM exits.
     */
    static synchronized RedisTestCluster shared() throws IOException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A new cluster in a fresh temporary directory; the caller closes it. */
    static RedisTestCluster start() throws IOException {
        RedisTestCluster cluster = new RedisTestCluster(Files.createTempDirectory("orderlens-redis-cluster"));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.form();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The masters, then the replicas (replica {@code i} of master {@code i}), as first formed. */
    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The seed addresses of every node. */
    Set<HostAndPort> addresses() {
        Set<HostAndPort> out = new HashSet<>();
        for (Node n : nodes) {
            out.add(new HostAndPort("127.0.0.1", n.port));
        }
        return out;
    }

    /** A cluster client with bounded pool wait, timeouts and retries; the caller closes it. */
    RedisClusterClient client() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxWait(Duration.ofSeconds(2));
        return RedisClusterClient.builder()
                .nodes(addresses())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(2000)
                        .build())
                .poolConfig(pool)
                .maxAttempts(3)
                .maxTotalRetriesDuration(Duration.ofSeconds(6))
                .build();
    }

    /** Deletes every key on every node that is a master now. */
    void flushAll() {
        for (Node n : nodes) {
            try (Jedis admin = n.admin()) {
                if (admin.info("replication").contains("role:master")) {
                    admin.flushAll();
                }
            }
        }
    }

    /** Stops every node this cluster started, by process id, and deletes its directory. Idempotent. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private synchronized void destroyAll() {
        for (Node n : nodes) {
            ProcessHandle.of(n.pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL ends a stopped process too
        }
        for (Node n : nodes) {
            ProcessHandle.of(n.pid).ifPresent(p -> {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // reported by the next test that finds the port taken
                }
            });
        }
    }

    private void form() throws IOException {
        for (int i = 0; i < 2 * MASTERS; i++) {
            nodes.add(startNode());
        }
        Node first = nodes.get(0);
        try (Jedis admin = first.admin()) {
            for (Node n : nodes.subList(1, nodes.size())) {
                admin.clusterMeet("127.0.0.1", n.port);
            }
        }
        List<String> masterIds = new ArrayList<>();
        for (int m = 0; m < MASTERS; m++) {
            int from = m * SLOTS / MASTERS;
            int to = (m + 1) * SLOTS / MASTERS;
            int[] slots = new int[to - from];
            for (int s = from; s < to; s++) {
                slots[s - from] = s;
            }
            try (Jedis admin = nodes.get(m).admin()) {
                admin.clusterAddSlots(slots);
                masterIds.add(admin.clusterMyId());
            }
        }
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        await(
                deadline,
                "every node to know all six",
                () -> nodes.stream().allMatch(n -> {
                    try (Jedis admin = n.admin()) {
                        return admin.clusterNodes()
                                        .lines()
                                        .filter(l -> !l.contains("handshake"))
                                        .count()
                                == nodes.size();
                    }
                }));
        for (int r = 0; r < MASTERS; r++) {
            try (Jedis admin = nodes.get(MASTERS + r).admin()) {
                admin.clusterReplicate(masterIds.get(r));
            }
        }
        await(
                deadline,
                "cluster_state:ok and every replica in sync",
                () -> nodes.stream().allMatch(n -> {
                    try (Jedis admin = n.admin()) {
                        if (!admin.clusterInfo().contains("cluster_state:ok")) {
                            return false;
                        }
                        String replication = admin.info("replication");
                        return replication.contains("role:master")
                                ? replication.contains("connected_slaves:1")
                                : replication.contains("master_link_status:up");
                    }
                }));
    }

    private Node startNode() throws IOException {
        int port = freePortWithFreeBusPort();
        Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .setting("bind 127.0.0.1")
                .setting("dir " + nodeDir.toAbsolutePath())
                .setting("cluster-enabled yes")
                .setting("cluster-config-file nodes.conf")
                .setting("cluster-node-timeout 1000")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        try (Jedis admin = admin(port)) {
            String info = admin.info("server");
            long pid = info.lines()
                    .filter(l -> l.startsWith("process_id:"))
                    .mapToLong(l ->
                            Long.parseLong(l.substring("process_id:".length()).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no process_id in INFO: " + info));
            return new Node(port, pid);
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

    /** Polls {@code condition} every 50 ms until it holds. */
    private static void await(long deadlineNanos, String what, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(
                        "Redis Cluster not formed within " + STARTUP_BOUND + ": waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
            }
        }
    }

    /** A free port whose cluster bus port (port + 10000) is free too. */
    private static int freePortWithFreeBusPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port + 10000 > 65535) {
                continue;
            }
            try {
                new ServerSocket(port + 10000).close();
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair (port, port + 10000) found in 100 attempts");
    }
}
