package io.orderlens.analytics.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderlens.analytics.redis.GuardedRedis.Reply;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheStatistics;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Entry values under their generation-bearing keys: in Redis as JSON with a TTL plus jitter, and, with a near cache,
 * decoded in process until their Redis twin expires. Knows nothing of generations or loaders: the caller builds the
 * key and decides when to load. An unreadable or unwritable value is counted as an error and treated as absent.
 * Thread-safe.
 */
final class Entries {
    private static final Logger log = LoggerFactory.getLogger(RedisAnalyticsCache.class);

    private final GuardedRedis redis;
    private final RedisCacheOptions options;
    private final Clock clock;
    private final CacheCounters counters;
    private final JsonCodec codec = new JsonCodec();
    /** Null when disabled. */
    private final NearCache near;

    Entries(GuardedRedis redis, RedisCacheOptions options, Clock clock, CacheCounters counters) {
        this.redis = redis;
        this.options = options;
        this.clock = clock;
        this.counters = counters;
        this.near = options.nearCacheBytes() == 0 ? null : new NearCache(options.nearCacheBytes());
    }

    /**
     * What Redis said about an entry.
     *
     * @param answered whether Redis answered at all (false: failing, or skipped by the breaker)
     * @param value    the decoded value if the entry was present and readable, else null
     */
    record Lookup<T>(boolean answered, T value) {}

    /** The near-cached value under {@code key}, counted as a near hit; null if there is none (or no near cache). */
    // The key's digest covers the request's type, so a value under it is a T.
    @SuppressWarnings("unchecked")
    <T> T near(String key) {
        if (near == null) {
            return null;
        }
        Object value = near.get(key, clock.millis());
        if (value != null) {
            counters.nearHits.increment();
        }
        return (T) value;
    }

    /**
     * The entry under {@code key} from Redis, counted as a hit (and kept near until its Redis entry expires) or, if
     * Redis answered without a readable value, as a miss.
     */
    <T> Lookup<T> lookup(String key, CacheRequest<T> request) {
        long now = clock.millis();
        Reply<Fetched> cached = redis.call(r -> fetch(r, key));
        if (!cached.ok()) {
            return new Lookup<>(false, null);
        }
        Fetched fetched = cached.value();
        if (fetched.json() != null) {
            T value = decode(fetched.json(), request);
            if (value != null) {
                counters.hits.increment();
                long lifetime = fetched.pttl() == -1 ? maxTtlMillis() : fetched.pttl();
                return new Lookup<>(
                        true,
                        keepNear(key, value, request, fetched.json().length(), lifetime > 0 ? now + lifetime : 0));
            }
        }
        counters.misses.increment();
        return new Lookup<>(true, null);
    }

    /**
     * Stores a freshly loaded {@code value} under {@code key} with the TTL plus jitter, and keeps it near if the
     * store succeeded. Returns the value to hand out: {@link #shareable} with a near cache, as it is without one or
     * if it cannot be encoded.
     */
    <T> T store(String key, T value, CacheRequest<T> request) {
        String json = encode(value, request);
        if (json == null) {
            return value;
        }
        long ttl = entryTtlMillis();
        long now = clock.millis();
        boolean stored =
                redis.call(r -> r.set(key, json, SetParams.setParams().px(ttl))).ok();
        return keepNear(key, value, request, json.length(), stored ? now + ttl : 0);
    }

    /** Empties the near cache (its entries may be unreachable already; this frees the memory). */
    void clearNear() {
        if (near != null) {
            near.clear();
        }
    }

    /** The near cache, or null when disabled; for the figures of {@link CacheStatistics}. */
    NearCache nearCache() {
        return near;
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
        return options.ttl().toMillis()
                + ThreadLocalRandom.current().nextLong(options.ttlJitter().toMillis() + 1);
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

    // A request's type describes T; the codec builds exactly that type.
    @SuppressWarnings("unchecked")
    private <T> T decode(String json, CacheRequest<T> request) {
        try {
            return (T) codec.read(json, request.type());
        } catch (JsonProcessingException | RuntimeException e) {
            counters.errors.increment();
            log.warn("unreadable cache entry for query {} ({}); reloading it", request.query(), e.getMessage());
            return null;
        }
    }

    private String encode(Object value, CacheRequest<?> request) {
        try {
            return codec.write(value);
        } catch (JsonProcessingException | RuntimeException e) {
            counters.errors.increment();
            log.warn("cannot serialise the result of query {}; not caching it", request.query(), e);
            return null;
        }
    }
}
