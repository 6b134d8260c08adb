package io.orderlens.benchmarks;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Counts the commands a redis-server has executed, from its {@code INFO commandstats}, leaving out the
 * {@code INFO} calls this counter makes itself. Not thread-safe; close it after use.
 */
final class RedisCommandCounter implements AutoCloseable {
    private final Jedis admin;

    RedisCommandCounter(int port) {
        this.admin = new Jedis(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2_000)
                        .socketTimeoutMillis(5_000)
                        .autoNegotiateProtocol(false)
                        .build());
    }

    /** Commands executed so far other than {@code INFO}. */
    long count() {
        long total = 0;
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_info:")) {
                continue;
            }
            int from = line.indexOf("calls=") + "calls=".length();
            int to = line.indexOf(',', from);
            total += Long.parseLong(line.substring(from, to < 0 ? line.length() : to));
        }
        return total;
    }

    @Override
    public void close() {
        admin.close();
    }
}
