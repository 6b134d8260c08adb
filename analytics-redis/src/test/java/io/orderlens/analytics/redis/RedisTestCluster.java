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
import java.util.concurrent.ConcurrentHashMap;
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
    /** Process ids of nodes killed or frozen by a test. */
    private final Set<Long> down = ConcurrentHashMap.newKeySet();

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

    /**
     * The node that serves the slot of {@code key} as a master now, asked of the nodes that answer (neither
     * killed nor frozen).
     *
     * @throws IllegalStateException if no answering node claims the slot
     */
    Node masterOf(String key) {
        for (Node n : answering()) {
            try (Jedis admin = n.admin()) {
                long slot = admin.clusterKeySlot(key);
                String myself = admin.clusterNodes()
                        .lines()
                        .filter(l -> l.contains("myself"))
                        .findFirst()
                        .orElseThrow();
                if (myself.contains("master") && servesSlot(myself, slot)) {
                    return n;
                }
            }
        }
        throw new IllegalStateException("no answering master serves the slot of " + key);
    }

    /**
     * The answering node that replicates {@code master} now.
     *
     * @throws IllegalStateException if none does
     */
    Node replicaOf(Node master) {
        for (Node n : answering()) {
            try (Jedis admin = n.admin()) {
                String replication = admin.info("replication");
                if (replication.contains("role:slave") && replication.contains("master_port:" + master.port + "\r")) {
                    return n;
                }
            }
        }
        throw new IllegalStateException("no answering replica of port " + master.port);
    }

    /** Ends {@code node} with {@code SIGKILL}, as a crash would; it is not restarted. */
    void kill(Node node) {
        ProcessHandle.of(node.pid).ifPresent(ProcessHandle::destroyForcibly);
        down.add(node.pid);
    }

    /** Freezes {@code node} with {@code SIGSTOP}: its sockets stay open and nothing answers. */
    void freeze(Node node) throws IOException {
        signal(node, "-STOP");
        down.add(node.pid);
    }

    /** Resumes a frozen {@code node} with {@code SIGCONT}. */
    void thaw(Node node) throws IOException {
        signal(node, "-CONT");
        down.remove(node.pid);
    }

    /**
     * Waits, up to {@link #STARTUP_BOUND}, until the slot of {@code key} is served by a master other than
     * {@code former} and every answering node reports {@code cluster_state:ok}.
     *
     * @return the new master
     */
    Node awaitFailover(String key, Node former) {
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        await(deadline, "a replica promoted in place of port " + former.port, () -> {
            try {
                return masterOf(key) != former && allAnsweringOk();
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return masterOf(key);
    }

    /**
     * Waits, up to {@link #STARTUP_BOUND}, until {@code node} is a replica with its link to its master up and every
     * answering node reports {@code cluster_state:ok}.
     */
    void awaitReplica(Node node) {
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        await(deadline, "port " + node.port + " to rejoin as a replica", () -> {
            try (Jedis admin = node.admin()) {
                String replication = admin.info("replication");
                return replication.contains("role:slave")
                        && replication.contains("master_link_status:up")
                        && allAnsweringOk();
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** Whether any process this cluster started is still running. */
    boolean anyProcessAlive() {
        return nodes.stream()
                .anyMatch(
                        n -> ProcessHandle.of(n.pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private List<Node> answering() {
        return nodes.stream().filter(n -> !down.contains(n.pid)).toList();
    }

    private boolean allAnsweringOk() {
        return answering().stream().allMatch(n -> {
            try (Jedis admin = n.admin()) {
                return admin.clusterInfo().contains("cluster_state:ok");
            }
        });
    }

    /** Whether the slot list of a {@code CLUSTER NODES} line (fields 9 on: {@code n} or {@code a-b}) has {@code slot}. */
    private static boolean servesSlot(String nodesLine, long slot) {
        String[] fields = nodesLine.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String f = fields[i];
            if (f.startsWith("[")) {
                continue; // a slot being migrated or imported
            }
            int dash = f.indexOf('-');
            long from = Long.parseLong(dash < 0 ? f : f.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(f.substring(dash + 1));
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private static void signal(Node node, String signal) throws IOException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(node.pid))
                .inheritIO()
                .start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill " + signal + " " + node.pid + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling redis-server", e);
        }
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
                        "Redis Cluster not ready within " + STARTUP_BOUND + ": waiting for " + what);
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
