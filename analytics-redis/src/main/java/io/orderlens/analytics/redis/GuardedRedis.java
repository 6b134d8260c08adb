package io.orderlens.analytics.redis;

import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every Redis call of a cache, through its circuit breaker: a call the breaker refuses is not made, and a call that
 * throws is counted, logged and reported as a failed {@link Reply}, never thrown. When a failure opens the breaker,
 * the idle connections of a {@link RedisClient} are dropped so that the probe connects afresh. Thread-safe.
 */
final class GuardedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisAnalyticsCache.class);

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final CircuitBreaker breaker;
    private final Duration openDuration;
    private final CacheCounters counters;

    /**
     * @param ownsClient whether {@link #close()} closes {@code redis}
     * @param counters   where failed calls are counted ({@link CacheCounters#errors})
     */
    GuardedRedis(
            UnifiedJedis redis,
            boolean ownsClient,
            CircuitBreaker breaker,
            Duration openDuration,
            CacheCounters counters) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.breaker = breaker;
        this.openDuration = openDuration;
        this.counters = counters;
    }

    /** The outcome of a guarded call: {@code ok} with the operation's value, or failed (or skipped) with none. */
    record Reply<R>(boolean ok, R value) {
        static <R> Reply<R> failed() {
            return new Reply<>(false, null);
        }
    }

    /** Runs {@code operation} on the client unless the breaker refuses; never throws because of Redis. */
    <R> Reply<R> call(Function<UnifiedJedis, R> operation) {
        if (!breaker.tryAcquire()) {
            return Reply.failed();
        }
        R value;
        try {
            value = operation.apply(redis);
        } catch (RuntimeException e) {
            counters.errors.increment();
            if (breaker.onFailure()) {
                log.warn(
                        "Redis failing ({}); the cache skips it for {} before probing again",
                        e.toString(),
                        openDuration);
                dropIdleConnections();
            } else {
                log.debug("Redis call failed; loading from the store", e);
            }
            return Reply.failed();
        }
        if (breaker.onSuccess()) {
            log.info("Redis answered again; the cache uses it");
        }
        return new Reply<>(true, value);
    }

    /**
     * Runs {@code operation} whatever the breaker's state, without reporting to it; a failure is counted and logged
     * at debug level. For bounded retries that must go on while reads skip Redis. Never throws because of Redis.
     */
    <R> Reply<R> callPastBreaker(Function<UnifiedJedis, R> operation) {
        try {
            return new Reply<>(true, operation.apply(redis));
        } catch (RuntimeException e) {
            counters.errors.increment();
            log.debug("Redis call failed", e);
            return Reply.failed();
        }
    }

    /**
     * For a cluster client, reloads its slot map (past the breaker, failures ignored), so that pipelines, which do
     * not follow redirections, reach the current master of a slot after a failover. No-op for other clients.
     */
    void refreshTopology() {
        if (redis instanceof RedisClusterClient cluster) {
            callPastBreaker(r -> {
                cluster.refreshClusterTopology();
                return null;
            });
        }
    }

    Breaker breakerState() {
        return breaker.state();
    }

    /** Closes the client if this cache created it; a failure to close is logged, not thrown. */
    @Override
    public void close() {
        if (ownsClient) {
            try {
                redis.close();
            } catch (RuntimeException e) {
                log.debug("closing the Redis client failed", e);
            }
        }
    }

    /** Idle connections to a failed server are likely dead; dropping them lets the next probe connect afresh. */
    private void dropIdleConnections() {
        if (redis instanceof RedisClient client) {
            try {
                client.getPool().clear();
            } catch (RuntimeException e) {
                log.debug("clearing idle Redis connections failed", e);
            }
        }
    }
}
