package io.orderlens.analytics.redis;

import io.orderlens.analytics.redis.Entries.Lookup;
import io.orderlens.analytics.redis.GuardedRedis.Reply;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CacheStatistics;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis read cache for the query API: cache-aside, never stale after a completed write, and never failing a read.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *         .zone(ZoneId.of("Europe/London"))
 *         .cache(RedisAnalyticsCache.create("redis://localhost:6379"))
 *         .build();
 * }</pre>
 *
 * <p><b>Freshness.</b> Every scope (a product, a customer, the global lists) has a generation counter in Redis that
 * never expires; an entry's key embeds the generations of the scopes it depends on, read <em>before</em> the value
 * is loaded from the store. {@link #invalidate} bumps the counters of the scopes a write touched, so every entry that
 * could predate the write becomes unreachable at once and later expires by its TTL. Hence a read that starts after
 * {@code invalidate} returned never sees data older than that write. Counters are created (or re-created after an
 * eviction or a flush) at the Redis server's time in microseconds, so they never return to a value used before.
 * If an invalidation fails (Redis down, slow or skipped by the breaker), this cache reads nothing from Redis until
 * it has bumped a global epoch that is part of every entry key, so entries written before the outage are never
 * served afterwards.
 *
 * <p><b>Near cache.</b> Values read from or written to Redis are also kept in process, in a bounded LRU map
 * ({@link RedisCacheOptions#nearCacheBytes()}) under the same entry key. Every read still reads the generations from
 * Redis first (one {@code MGET}); if the entry key they give is in the near cache, that value is returned with no
 * {@code GET} and no decoding. The near cache is exactly as fresh as the Redis entry: both are addressed by the same
 * key, which embeds the epoch and every generation the value depends on, and a generation value is never reused
 * (counters only grow, and a lost counter restarts at the server's time in microseconds). So a write made by any
 * process moves every reader to a key that no near cache holds, and a near entry is never returned after the epoch
 * has been bumped. A near entry also ends no later than its Redis twin's TTL. The near cache is never consulted
 * without a successful generation read: with Redis down, slow, skipped by the breaker or not yet trusted after a
 * failed invalidation, reads go to the store as without it. Near-cached values are handed to every reader that asks
 * for the same key, so cached types must be immutable: the query API's results are, and a {@code List}, {@code Set}
 * or {@code Map} result is returned as an unmodifiable view.
 *
 * <p><b>Fail-open.</b> No Redis failure reaches the caller: the value is loaded from the store instead and the error
 * is counted. While the circuit breaker is closed a read spends at most {@link RedisCacheOptions#readFallbackBound()}
 * in Redis; after repeated failures the breaker skips Redis altogether and probes it again later. Exceptions thrown
 * by the loader (the store) are passed on unchanged.
 *
 * <p><b>Failover.</b> A bump is done only when every replica connected to the counters' master has acknowledged it
 * ({@link RedisCacheOptions#replicaAckTimeout()}), so a replica promoted after a write completed holds that write's
 * bump; a failed bump is retried for up to {@link RedisCacheOptions#invalidationRetry()}, so a write that meets a
 * failover completes once the new master has its bump; and bumps move counters to the server time, so a value a
 * promoted replica lost is never handed out again. The module README states the guarantee per failure case.
 *
 * <p><b>Stampedes.</b> Concurrent identical reads in one process share one Redis lookup and at most one store load.
 *
 * <p>Thread-safe. Never uses {@code KEYS} or {@code SCAN}.
 */
public final class RedisAnalyticsCache implements AnalyticsCache {
    private final RedisCacheOptions options;
    private final CacheKeys keys;
    private final CacheCounters counters = new CacheCounters();
    private final GuardedRedis redis;
    private final Generations generations;
    private final Entries entries;
    private final SingleFlight flights = new SingleFlight();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisAnalyticsCache(UnifiedJedis client, boolean ownsClient, RedisCacheOptions options, Clock clock) {
        this.options = options;
        this.keys = new CacheKeys(options.prefix());
        this.redis = new GuardedRedis(
                client,
                ownsClient,
                new CircuitBreaker(options.failureThreshold(), options.openDuration(), clock),
                options.openDuration(),
                counters);
        this.generations =
                new Generations(redis, keys, counters, options.replicaAckTimeout(), options.invalidationRetry());
        this.entries = new Entries(redis, options, clock, counters);
    }

    /**
     * A cache on the Redis server at {@code redisUri} ({@code redis://[user:password@]host:port[/db]}, or
     * {@code rediss://} for TLS) with {@link RedisCacheOptions#defaults()}. Does not contact Redis: an unreachable
     * server only means reads go to the store until it is reachable.
     *
     * @throws IllegalArgumentException if the URI is not a redis URI with a host and a port
     */
    public static RedisAnalyticsCache create(String redisUri) {
        return builder().uri(redisUri).build();
    }

    /** As {@link #create(String)}. */
    public static RedisAnalyticsCache create(URI redisUri) {
        return builder().uri(redisUri).build();
    }

    /**
     * A cache on a client the caller created, configured (pool wait and timeouts!) and will close: a
     * {@code RedisClient} for a standalone server or a {@code RedisClusterClient} for a cluster. Options are
     * {@link RedisCacheOptions#defaults()} apart from the pool and timeouts, which are the client's.
     */
    public static RedisAnalyticsCache create(UnifiedJedis client) {
        return builder().client(client).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the value cached for {@code request}, or loads it with {@code loader} and caches it. Never throws
     * because of Redis; exceptions of {@code loader} propagate (and are shared with concurrent identical reads).
     * With the near cache on, the value returned may be the very instance returned to other callers.
     */
    @Override
    public <T> T get(CacheRequest<T> request, Supplier<T> loader) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(loader, "loader");
        if (closed.get() || !generations.trusted()) {
            counters.bypassed.increment();
            return load(loader);
        }
        Reply<List<String>> current = generations.read(request.scopes());
        if (!current.ok()) {
            counters.bypassed.increment();
            return load(loader);
        }
        String key = keys.entryKey(request, current.value());
        T nearValue = entries.near(key);
        if (nearValue != null) {
            return nearValue;
        }
        return flights.run(key, () -> lookupOrLoad(key, request, loader), counters.coalesced::increment);
    }

    /**
     * Bumps the generation of every scope, making every entry that depends on one of them unreachable. Never
     * throws because of Redis; a failed bump is retried for up to {@link RedisCacheOptions#invalidationRetry()}
     * (so this may block that long), and if it still fails, this cache serves nothing from Redis until it has bumped
     * the epoch.
     */
    @Override
    public void invalidate(Collection<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty() || closed.get()) {
            return;
        }
        if (generations.bump(scopes)) {
            counters.invalidations.increment();
        }
    }

    /**
     * Makes every entry of this cache's prefix unreachable with one counter bump (the epoch), e.g. after the
     * aggregates were rebuilt. Never throws because of Redis; a failure is handled like a failed
     * {@link #invalidate}.
     */
    @Override
    public void invalidateAll() {
        if (closed.get()) {
            return;
        }
        if (generations.bumpEpoch()) {
            counters.invalidations.increment();
            entries.clearNear();
        }
    }

    /** Current counters and breaker state. */
    public CacheStatistics metrics() {
        return counters.snapshot(entries.nearCache(), redis.breakerState());
    }

    /** {@link #metrics()}, for {@code Analytics.metrics()} and the Micrometer binder. Never empty. */
    @Override
    public Optional<CacheStatistics> statistics() {
        return Optional.of(metrics());
    }

    /** The options this cache runs with. */
    public RedisCacheOptions options() {
        return options;
    }

    /**
     * Stops using Redis and closes the client if this cache created it. Later reads go to the store. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        entries.clearNear();
        redis.close();
    }

    /**
     * The Redis lookup and, on a miss, the load and the {@code SET}; with a near cache, every value found or stored
     * is also kept near until its Redis entry expires.
     */
    private <T> T lookupOrLoad(String key, CacheRequest<T> request, Supplier<T> loader) {
        T nearValue = entries.near(key); // a flight for this key may have ended since the caller looked
        if (nearValue != null) {
            return nearValue;
        }
        Lookup<T> found = entries.lookup(key, request);
        if (found.value() != null) {
            return found.value();
        }
        T value = load(loader);
        if (value == null || !found.answered()) {
            return value;
        }
        return entries.store(key, value, request);
    }

    private <T> T load(Supplier<T> loader) {
        counters.loads.increment();
        return loader.get();
    }

    /**
     * Configures a {@link RedisAnalyticsCache}: either a Redis {@link #uri} (the cache creates, configures and
     * closes its own pooled client) or a {@link #client} the caller owns and configures (standalone or cluster).
     */
    public static final class Builder {
        private URI uri;
        private UnifiedJedis client;
        private RedisCacheOptions options = RedisCacheOptions.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** @throws IllegalArgumentException if {@code redisUri} is not a redis URI with a host and a port */
        public Builder uri(String redisUri) {
            Objects.requireNonNull(redisUri, "redisUri");
            try {
                return uri(URI.create(redisUri));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URI: \"" + redisUri + "\"", e);
            }
        }

        /** @throws IllegalArgumentException if {@code redisUri} is not a redis URI with a host and a port */
        public Builder uri(URI redisUri) {
            this.uri = RedisClients.checked(Objects.requireNonNull(redisUri, "redisUri"));
            this.client = null;
            return this;
        }

        /**
         * Uses a client the caller created and will close, e.g. a {@code RedisClusterClient}. Its pool wait and
         * timeouts are the caller's: set them, as the client's defaults can wait forever.
         */
        public Builder client(UnifiedJedis client) {
            this.client = Objects.requireNonNull(client, "client");
            this.uri = null;
            return this;
        }

        public Builder options(RedisCacheOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Clock of the circuit breaker's open period and of near-cache entry lifetimes. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException if neither a URI nor a client was given */
        public RedisAnalyticsCache build() {
            if (client != null) {
                return new RedisAnalyticsCache(client, false, options, clock);
            }
            if (uri == null) {
                throw new IllegalStateException("set a Redis uri(...) or a client(...) before build()");
            }
            return new RedisAnalyticsCache(RedisClients.create(uri, options), true, options, clock);
        }
    }
}
