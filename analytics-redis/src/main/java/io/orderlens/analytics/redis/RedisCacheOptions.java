package io.orderlens.analytics.redis;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of a {@link RedisAnalyticsCache}. Immutable; every value is checked on construction. Start from
 * {@link #defaults()} and change what you need with the {@code with…} methods.
 *
 * <p>While the circuit breaker is closed, a read that meets a failing Redis spends at most
 * {@link #readFallbackBound()} in Redis before it loads from the store: it makes no further Redis call after its
 * first failure. After {@code failureThreshold} consecutive failures the breaker opens and reads skip Redis
 * entirely; after {@code openDuration} one read probes Redis again.
 *
 * @param prefix           namespace of every key, 1..64 characters of {@code [A-Za-z0-9._:-]}
 * @param ttl              base lifetime of an entry (generation counters never expire)
 * @param ttlJitter        a uniformly random extra lifetime in {@code [0, ttlJitter]} added per entry, so entries
 *                         written together do not expire together; may be zero
 * @param poolMaxTotal     most connections the cache opens (only for clients the cache creates itself)
 * @param poolMaxWait      longest wait for a free pooled connection
 * @param connectTimeout   TCP connect timeout
 * @param socketTimeout    longest wait for a reply
 * @param failureThreshold consecutive Redis failures that open the circuit breaker
 * @param openDuration     how long the breaker stays open before one probe is let through
 * @param nearCacheBytes   bound of the in-process near cache, in bytes of estimated heap (about twice the JSON length
 *                         of each value, plus its key); 0 disables it, so every read makes its {@code GET}
 * @param replicaAckTimeout longest wait ({@code WAIT}) for every replica connected to the master of the generation
 *                         counters to acknowledge a bump; a bump not acknowledged in time counts as a failed
 *                         invalidation. 0 disables the wait (a bump is then confirmed by the master alone, and a
 *                         replica promoted by a failover may lack it). Keep it below the client's socket timeout.
 * @param invalidationRetry how long an invalidation whose bump failed keeps retrying it (past the circuit breaker,
 *                         with the cluster client's slot map refreshed between attempts) before it gives up; long
 *                         enough to cover a failover, it keeps the never-stale rule across instances through one.
 *                         0 (the default) gives up at once. After a bump gave up, later invalidations do not retry
 *                         until a bump succeeds again, so a long outage costs each write only one attempt.
 */
public record RedisCacheOptions(
        String prefix,
        Duration ttl,
        Duration ttlJitter,
        int poolMaxTotal,
        Duration poolMaxWait,
        Duration connectTimeout,
        Duration socketTimeout,
        int failureThreshold,
        Duration openDuration,
        long nearCacheBytes,
        Duration replicaAckTimeout,
        Duration invalidationRetry) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    public RedisCacheOptions {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "prefix must be 1..64 characters of [A-Za-z0-9._:-], got " + quoted(prefix));
        }
        requireAtLeast(ttl, Duration.ofSeconds(1), "ttl");
        requireAtLeast(ttlJitter, Duration.ZERO, "ttlJitter");
        if (poolMaxTotal < 1 || poolMaxTotal > 1024) {
            throw new IllegalArgumentException("poolMaxTotal must be 1..1024, got " + poolMaxTotal);
        }
        requireTimeout(poolMaxWait, "poolMaxWait");
        requireTimeout(connectTimeout, "connectTimeout");
        requireTimeout(socketTimeout, "socketTimeout");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        requireAtLeast(openDuration, Duration.ofMillis(1), "openDuration");
        if (nearCacheBytes < 0) {
            throw new IllegalArgumentException(
                    "nearCacheBytes must be at least 0 (0 disables the near cache), got " + nearCacheBytes);
        }
        if (replicaAckTimeout == null
                || replicaAckTimeout.isNegative()
                || replicaAckTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "replicaAckTimeout must be between 0 (no wait) and " + MAX_TIMEOUT + ", got " + replicaAckTimeout);
        }
        if (invalidationRetry == null
                || invalidationRetry.isNegative()
                || invalidationRetry.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "invalidationRetry must be between 0 (no retry) and " + MAX_TIMEOUT + ", got " + invalidationRetry);
        }
    }

    /** The default wait for replicas to acknowledge a generation bump: 100 ms. */
    public static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofMillis(100);

    /** The default bound of the near cache: 16 MiB. */
    public static final long DEFAULT_NEAR_CACHE_BYTES = 16L << 20;

    /**
     * Prefix {@code orderlens}, ttl 10 min + up to 1 min jitter, 16 connections, 100 ms pool wait, 250 ms connect
     * and socket timeouts, breaker opening after 3 consecutive failures and probing again after 5 s, and a near
     * cache of 16 MiB ({@link #DEFAULT_NEAR_CACHE_BYTES}), and bumps waiting up to 100 ms for replica acknowledgements
     * ({@link #DEFAULT_REPLICA_ACK_TIMEOUT}) and failed bumps not retried.
     */
    public static RedisCacheOptions defaults() {
        return new RedisCacheOptions(
                "orderlens",
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                16,
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(250),
                3,
                Duration.ofSeconds(5),
                DEFAULT_NEAR_CACHE_BYTES,
                DEFAULT_REPLICA_ACK_TIMEOUT,
                Duration.ZERO);
    }

    /**
     * The longest time a read or an invalidation spends in Redis before it gives up, while the breaker is closed:
     * {@code poolMaxWait + connectTimeout + 2 × socketTimeout}. That covers waiting for a pooled connection or
     * opening one, the failed command itself, and the pool replacing the broken connection on the caller's thread
     * when other threads are waiting for one (a frozen server lets the TCP connect succeed and then never answers
     * the handshake). With the defaults: 850 ms.
     */
    public Duration readFallbackBound() {
        return poolMaxWait.plus(connectTimeout).plus(socketTimeout.multipliedBy(2));
    }

    public RedisCacheOptions withPrefix(String prefix) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    public RedisCacheOptions withTtl(Duration ttl, Duration ttlJitter) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    public RedisCacheOptions withPool(int poolMaxTotal, Duration poolMaxWait) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    public RedisCacheOptions withTimeouts(Duration connectTimeout, Duration socketTimeout) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    public RedisCacheOptions withBreaker(int failureThreshold, Duration openDuration) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    /**
     * With a near cache of at most {@code nearCacheBytes} (estimated heap; 0 disables it). A warm read answered by
     * the near cache makes one Redis round trip (the generation read) instead of two, and decodes nothing.
     */
    public RedisCacheOptions withNearCache(long nearCacheBytes) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    /**
     * With bumps waiting up to {@code replicaAckTimeout} for every connected replica of the counters' master to
     * acknowledge them (0: no wait). See {@link RedisAnalyticsCache} on failover.
     */
    public RedisCacheOptions withReplicaAckTimeout(Duration replicaAckTimeout) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    /**
     * With failed bumps retried for up to {@code invalidationRetry} (0: no retry). On a Redis Cluster, set it above
     * the time a failover takes (about twice {@code cluster-node-timeout}). See {@link RedisAnalyticsCache} on
     * failover.
     */
    public RedisCacheOptions withInvalidationRetry(Duration invalidationRetry) {
        return new RedisCacheOptions(
                prefix,
                ttl,
                ttlJitter,
                poolMaxTotal,
                poolMaxWait,
                connectTimeout,
                socketTimeout,
                failureThreshold,
                openDuration,
                nearCacheBytes,
                replicaAckTimeout,
                invalidationRetry);
    }

    private static void requireAtLeast(Duration d, Duration min, String what) {
        if (d == null || d.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + d);
        }
    }

    private static void requireTimeout(Duration d, String what) {
        if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be between 1 ms and " + MAX_TIMEOUT
                    + " (an unset timeout would wait forever), got " + d);
        }
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
