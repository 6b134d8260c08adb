package io.orderlens.analytics.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary shipped in embedded-redis) on a free port, with its data directory in
 * {@code dir}, that tests can stop, restart, freeze ({@code SIGSTOP}) and thaw ({@code SIGCONT}). Snapshots only
 * happen on an explicit {@link #save()}, so a restart brings back exactly what was saved.
 */
final class RedisTestServer implements AutoCloseable {
    private static final Pattern COMMAND_STAT = Pattern.compile("^cmdstat_([a-z|]+):calls=(\\d+)");

    private final int port;
    private final Path dir;
    private RedisServer server;
    private long pid = -1;
    private boolean frozen;

    private RedisTestServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static RedisTestServer start(Path dir) throws IOException {
        RedisTestServer s = new RedisTestServer(freePort(), dir);
        s.restart();
        return s;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts the server again on the same port and directory (loading the last {@link #save()}, if any). */
    void restart() throws IOException {
        server = RedisServer.newRedisServer()
                .port(port)
                .setting("dir " + dir.toAbsolutePath())
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        try (Jedis admin = admin()) {
            String info = admin.info("server");
            pid = info.lines()
                    .filter(l -> l.startsWith("process_id:"))
                    .mapToLong(l ->
                            Long.parseLong(l.substring("process_id:".length()).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no process_id in INFO: " + info));
        }
    }

    /** A fresh single connection with short timeouts; the caller closes it. */
    Jedis admin() {
        return new Jedis(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder()
                        .autoNegotiateProtocol(false)
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(5000)
                        .build());
    }

    /** Resets the server's per-command call counters ({@code CONFIG RESETSTAT}). */
    void resetCommandStats() {
        try (Jedis admin = admin()) {
            admin.configResetStat();
        }
    }

    /**
     * Calls per command since the last {@link #resetCommandStats()}, from {@code INFO commandstats}, by lower-case
     * command name (e.g. {@code get}, {@code mget}); commands not called are absent.
     */
    Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        try (Jedis admin = admin()) {
            for (String line : admin.info("commandstats").split("\r?\n")) {
                Matcher m = COMMAND_STAT.matcher(line);
                if (m.find()) {
                    calls.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        }
        return calls;
    }

    /** Writes a snapshot that the next {@link #restart()} loads. */
    void save() {
        try (Jedis admin = admin()) {
            admin.save();
        }
    }

    /** Stops the process (thawing it first if frozen). */
    void stop() throws IOException {
        thaw();
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    void freeze() throws IOException {
        signal("-STOP");
        frozen = true;
    }

    void thaw() throws IOException {
        if (frozen) {
            signal("-CONT");
            frozen = false;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void signal(String signal) throws IOException {
        Process kill = new ProcessBuilder("sh", "-c", "kill " + signal + " " + pid)
                .inheritIO()
                .start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill " + signal + " " + pid + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling redis-server", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
