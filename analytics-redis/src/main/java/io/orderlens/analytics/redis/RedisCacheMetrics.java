package io.orderlens.analytics.redis;

/**
 * A snapshot of a {@link RedisAnalyticsCache}'s counters since it was created.
 *
 * @param hits          reads answered from Redis (a {@code GET} that found the entry)
 * @param nearHits      reads answered from this process's near cache after the generation read, without a
 *                      {@code GET} and without decoding
 * @param misses        reads Redis answered with "absent" (each followed by one store load)
 * @param coalesced     reads that waited for a concurrent identical read instead of loading themselves
 * @param bypassed      reads that went straight to the store because Redis was failing, the breaker was open or a
 *                      failed invalidation had not yet been made good
 * @param loads         store loads made through the cache (misses, bypasses and fall-backs)
 * @param errors        failed Redis operations (timeouts, refused connections, unreadable entries)
 * @param invalidations successful generation bumps (one per {@code invalidate} call)
 * @param nearEntries   entries held by the near cache at snapshot time (some may be unreachable: superseded by a
 *                      generation bump, they wait for eviction)
 * @param nearBytes     their estimated heap size; at most {@link RedisCacheOptions#nearCacheBytes()}
 * @param nearEvictions near-cache entries evicted to stay within that bound
 * @param breaker       the circuit breaker's state at snapshot time
 */
public record RedisCacheMetrics(
        long hits,
        long nearHits,
        long misses,
        long coalesced,
        long bypassed,
        long loads,
        long errors,
        long invalidations,
        long nearEntries,
        long nearBytes,
        long nearEvictions,
        BreakerState breaker) {

    /** (hits + nearHits) / (hits + nearHits + misses); 0 before the first answered read. */
    public double hitRatio() {
        long served = hits + nearHits;
        long answered = served + misses;
        return answered == 0 ? 0.0 : (double) served / answered;
    }
}
