package io.orderlens.analytics.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultRedisCredentials;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisURIHelper;

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
 * <p><b>Stampedes.</b> Concurrent identical reads in one process share one Redis lookup and at most one store load.
 *
 * <p>Thread-safe. Never uses {@code KEYS} or {@code SCAN}.
 */
public final class RedisAnalyticsCache implements AnalyticsCache {
    private static final Logger log = LoggerFactory.getLogger(RedisAnalyticsCache.class);

    /**
     * Sets missing counters to the server time in microseconds and returns every counter. A counter that
     * started at time t0 and was bumped fewer times than microseconds have passed is below the current time, so a
     * re-created counter starts above every value it had before (given fewer than a million bumps per second).
     */
    private static final String INIT_SCRIPT = """
            local t = redis.call('TIME')
            local start = t[1] .. string.format('%06d', tonumber(t[2]))
            local out = {}
            for i, key in ipairs(KEYS) do
              redis.call('SET', key, start, 'NX')
              out[i] = redis.call('GET', key)
            end
            return out
            """;

    /** Increments every counter; a missing counter is created at the server time in microseconds instead. */
    private static final String BUMP_SCRIPT = """
            local t = redis.call('TIME')
            local start = t[1] .. string.format('%06d', tonumber(t[2]))
            for _, key in ipairs(KEYS) do
              if not redis.call('SET', key, start, 'NX') then
                redis.call('INCR', key)
              end
            end
            return #KEYS
            """;

    /** Counters bumped per script call, so one invalidation of a huge batch does not block Redis for long. */
    private static final int BUMP_CHUNK = 500;

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final RedisCacheOptions options;
    private final CacheKeys keys;
    private final JsonCodec codec = new JsonCodec();
    private final CircuitBreaker breaker;
    private final Clock clock;
    /** Null when disabled. */
    private final NearCache near;
    private final SingleFlight flights = new SingleFlight();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Invalidations that failed, ever; those up to {@link #coveredFailures} are made good by an epoch bump. */
    private final AtomicLong failedInvalidations = new AtomicLong();
    private final AtomicLong coveredFailures = new AtomicLong();

    private final LongAdder hits = new LongAdder();
    private final LongAdder nearHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    private RedisAnalyticsCache(UnifiedJedis redis, boolean ownsClient, RedisCacheOptions options, Clock clock) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.options = options;
        this.keys = new CacheKeys(options.prefix());
        this.breaker = new CircuitBreaker(options.failureThreshold(), options.openDuration(), clock);
        this.clock = clock;
        this.near = options.nearCacheBytes() == 0 ? null : new NearCache(options.nearCacheBytes());
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
        if (closed.get() || !makeGoodFailedInvalidations()) {
            bypassed.increment();
            return load(loader);
        }
        Reply<List<String>> generations = readGenerations(keys.readKeys(request.scopes()));
        if (!generations.ok()) {
            bypassed.increment();
            return load(loader);
        }
        String key = keys.entryKey(request, generations.value());
        T nearValue = nearGet(key);
        if (nearValue != null) {
            return nearValue;
        }
        return flights.run(key, () -> lookupOrLoad(key, request, loader), coalesced::increment);
    }

    /**
     * Bumps the generation of every scope, making every entry that depends on one of them unreachable. Never
     * throws because of Redis; if the bump fails, this cache serves nothing from Redis until it has bumped the
     * epoch.
     */
    @Override
    public void invalidate(Collection<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty() || closed.get()) {
            return;
        }
        List<String> bump = keys.bumpKeys(scopes);
        long failedBefore = failedInvalidations.get();
        boolean withEpoch = failedBefore > coveredFailures.get();
        if (withEpoch) {
            bump.add(0, keys.epochKey());
        }
        for (int from = 0; from < bump.size(); from += BUMP_CHUNK) {
            List<String> chunk = bump.subList(from, Math.min(bump.size(), from + BUMP_CHUNK));
            if (!call(r -> r.eval(BUMP_SCRIPT, chunk, List.of())).ok()) {
                if (failedInvalidations.incrementAndGet() == coveredFailures.get() + 1) {
                    log.warn("cache invalidation failed; reads skip Redis until the cache epoch has been bumped");
                }
                return;
            }
        }
        if (withEpoch) {
            coveredFailures.accumulateAndGet(failedBefore, Math::max);
        }
        invalidations.increment();
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
        long failedBefore = failedInvalidations.get();
        if (call(r -> r.eval(BUMP_SCRIPT, List.of(keys.epochKey()), List.of())).ok()) {
            coveredFailures.accumulateAndGet(failedBefore, Math::max);
            invalidations.increment();
            if (near != null) {
                near.clear(); // unreachable already; this frees the memory
            }
        } else {
            failedInvalidations.incrementAndGet();
        }
    }

    /** Current counters and breaker state. */
    public RedisCacheMetrics metrics() {
        return new RedisCacheMetrics(hits.sum(), nearHits.sum(), misses.sum(), coalesced.sum(), bypassed.sum(),
                loads.sum(), errors.sum(), invalidations.sum(), near == null ? 0 : near.size(),
                near == null ? 0 : near.bytes(), near == null ? 0 : near.evictions(), breaker.state());
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
        if (near != null) {
            near.clear();
        }
        if (ownsClient) {
            try {
                redis.close();
            } catch (RuntimeException e) {
                log.debug("closing the Redis client failed", e);
            }
        }
    }

    // ----- read path -----

    /**
     * The Redis lookup and, on a miss, the load and the {@code SET}; with a near cache, every value found or stored
     * is also kept near until its Redis entry expires.
     */
    private <T> T lookupOrLoad(String key, CacheRequest<T> request, Supplier<T> loader) {
        T nearValue = nearGet(key); // a flight for this key may have ended since the caller looked
        if (nearValue != null) {
            return nearValue;
        }
        long now = clock.millis();
        Reply<Fetched> cached = call(r -> fetch(r, key));
        if (cached.ok()) {
            Fetched fetched = cached.value();
            if (fetched.json() != null) {
                T value = decode(fetched.json(), request);
                if (value != null) {
                    hits.increment();
                    long lifetime = fetched.pttl() == -1 ? maxTtlMillis() : fetched.pttl();
                    return keepNear(key, value, request, fetched.json().length(), lifetime > 0 ? now + lifetime : 0);
                }
            }
            misses.increment();
        }
        T value = load(loader);
        if (value == null || !cached.ok()) {
            return value;
        }
        String json = encode(value, request);
        if (json == null) {
            return value;
        }
        long ttl = entryTtlMillis();
        now = clock.millis();
        boolean stored = call(r -> r.set(key, json, SetParams.setParams().px(ttl))).ok();
        return keepNear(key, value, request, json.length(), stored ? now + ttl : 0);
    }

    /**
     * With a near cache: {@code value} made {@link #shareable}, and kept under {@code key} until {@code deadline}
     * (not kept if 0). Without one: {@code value} as it is.
     */
    private <T> T keepNear(String key, T value, CacheRequest<T> request, int jsonLength, long deadline) {
        if (near == null) {
            return value;
        }
        T shared = shareable(value, request);
        if (deadline > 0) {
            near.put(key, shared, NearCache.weight(key, jsonLength), deadline);
        }
        return shared;
    }

    /** The near-cached value under {@code key}, counted as a near hit; null if there is none (or no near cache). */
    // The key's digest covers the request's type, so a value under it is a T.
    @SuppressWarnings("unchecked")
    private <T> T nearGet(String key) {
        if (near == null) {
            return null;
        }
        Object value = near.get(key, clock.millis());
        if (value != null) {
            nearHits.increment();
        }
        return (T) value;
    }

    /**
     * An entry's value and remaining lifetime ({@code PTTL}: -2 if absent, -1 if it has none or it was not asked
     * for).
     */
    private record Fetched(String json, long pttl) {}

    /** A {@code GET}; with a near cache, pipelined with a {@code PTTL} in the same round trip. */
    private Fetched fetch(UnifiedJedis redis, String key) {
        if (near == null) {
            return new Fetched(redis.get(key), -1);
        }
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Response<String> json = pipeline.get(key);
            Response<Long> pttl = pipeline.pttl(key);
            pipeline.sync();
            return new Fetched(json.get(), pttl.get());
        }
    }

    /** A fresh entry's lifetime: the TTL plus a uniformly random jitter. */
    private long entryTtlMillis() {
        return options.ttl().toMillis() + ThreadLocalRandom.current().nextLong(options.ttlJitter().toMillis() + 1);
    }

    private long maxTtlMillis() {
        return options.ttl().toMillis() + options.ttlJitter().toMillis();
    }

    /**
     * {@code value} safe to hand to several callers: a {@code List}, {@code Set} or {@code Map} result as an
     * unmodifiable view (a decoded collection is referenced by nothing else, and a loader hands its result over);
     * any other value as it is, immutable by the contract of the cached types.
     */
    // The view has the request's declared interface type, so it is still a T.
    @SuppressWarnings("unchecked")
    private static <T> T shareable(T value, CacheRequest<T> request) {
        Type type = request.type();
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        if (raw == List.class && value instanceof List<?> list) {
            return (T) Collections.unmodifiableList(list);
        }
        if (raw == Set.class && value instanceof Set<?> set) {
            return (T) Collections.unmodifiableSet(set);
        }
        if (raw == Map.class && value instanceof Map<?, ?> map) {
            return (T) Collections.unmodifiableMap(map);
        }
        return value;
    }

    /** MGET of the counters; missing ones are created by a script. Not ok if Redis failed or was skipped. */
    private Reply<List<String>> readGenerations(List<String> readKeys) {
        Reply<List<String>> read = call(r -> r.mget(readKeys.toArray(String[]::new)));
        if (!read.ok() || !read.value().contains(null)) {
            return read;
        }
        Reply<Object> created = call(r -> r.eval(INIT_SCRIPT, readKeys, List.of()));
        if (!created.ok()) {
            return Reply.failed();
        }
        if (!(created.value() instanceof List<?> values) || values.size() != readKeys.size()
                || values.contains(null)) {
            errors.increment();
            log.warn("unexpected reply creating cache generations: {}", created.value());
            return Reply.failed();
        }
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return new Reply<>(true, out);
    }

    /**
     * Ensures every failed invalidation has been followed by an epoch bump, so entries written before it are
     * unreachable. Returns false if that is not (yet) the case and Redis must not be read.
     */
    private boolean makeGoodFailedInvalidations() {
        long failed = failedInvalidations.get();
        if (failed <= coveredFailures.get()) {
            return true;
        }
        if (!call(r -> r.eval(BUMP_SCRIPT, List.of(keys.epochKey()), List.of())).ok()) {
            return false;
        }
        coveredFailures.accumulateAndGet(failed, Math::max);
        log.info("cache epoch bumped after failed invalidations; entries written before them are unreachable");
        return true;
    }

    private <T> T load(Supplier<T> loader) {
        loads.increment();
        return loader.get();
    }

    // A request's type describes T; the codec builds exactly that type.
    @SuppressWarnings("unchecked")
    private <T> T decode(String json, CacheRequest<T> request) {
        try {
            return (T) codec.read(json, request.type());
        } catch (JsonProcessingException | RuntimeException e) {
            errors.increment();
            log.warn("unreadable cache entry for query {} ({}); reloading it", request.query(), e.getMessage());
            return null;
        }
    }

    private String encode(Object value, CacheRequest<?> request) {
        try {
            return codec.write(value);
        } catch (JsonProcessingException | RuntimeException e) {
            errors.increment();
            log.warn("cannot serialise the result of query {}; not caching it", request.query(), e);
            return null;
        }
    }

    // ----- Redis calls through the breaker -----

    private <R> Reply<R> call(Function<UnifiedJedis, R> operation) {
        if (!breaker.tryAcquire()) {
            return Reply.failed();
        }
        R value;
        try {
            value = operation.apply(redis);
        } catch (RuntimeException e) {
            errors.increment();
            if (breaker.onFailure()) {
                log.warn("Redis failing ({}); the cache skips it for {} before probing again", e.toString(),
                        options.openDuration());
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

    private record Reply<R>(boolean ok, R value) {
        static <R> Reply<R> failed() {
            return new Reply<>(false, null);
        }
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
            Objects.requireNonNull(redisUri, "redisUri");
            if (!JedisURIHelper.isValid(redisUri)
                    || !(JedisURIHelper.isRedisScheme(redisUri) || JedisURIHelper.isRedisSSLScheme(redisUri))) {
                throw new IllegalArgumentException(
                        "expected redis://host:port or rediss://host:port, got \"" + redisUri + "\"");
            }
            this.uri = redisUri;
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
            return new RedisAnalyticsCache(newClient(uri, options), true, options, clock);
        }

        private static RedisClient newClient(URI uri, RedisCacheOptions o) {
            ConnectionPoolConfig pool = new ConnectionPoolConfig();
            pool.setMaxTotal(o.poolMaxTotal());
            pool.setMaxIdle(o.poolMaxTotal());
            pool.setMinIdle(0);
            pool.setBlockWhenExhausted(true);
            pool.setMaxWait(o.poolMaxWait());
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(Math.toIntExact(o.connectTimeout().toMillis()))
                    .socketTimeoutMillis(Math.toIntExact(o.socketTimeout().toMillis()));
            if (JedisURIHelper.isRedisSSLScheme(uri)) {
                config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
            }
            String password = JedisURIHelper.getPassword(uri);
            if (password != null) {
                config.credentials(new DefaultRedisCredentials(JedisURIHelper.getUser(uri), password));
            }
            if (JedisURIHelper.hasDbIndex(uri)) {
                config.database(JedisURIHelper.getDBIndex(uri));
            }
            RedisProtocol protocol = JedisURIHelper.getRedisProtocol(uri);
            if (protocol != null) {
                config.protocol(protocol);
            }
            return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri)).clientConfig(config.build())
                    .poolConfig(pool).build();
        }
    }
}
