package io.orderlens.analytics.redis;

/**
 * A snapshot of a {@link RedisAnalyticsCache}'s counters since it was created.
 *
 * @param hits          reads answered from Redis
 * @param misses        reads Redis answered with "absent" (each followed by one store load)
 * @param coalesced     reads that waited for a concurrent identical read instead of loading themselves
 * @param bypassed      reads that went straight to the store because Redis was failing, the breaker was open or a
 *                      failed invalidation had not yet been made good
 * @param loads         store loads made through the cache (misses, bypasses and fall-backs)
 * @param errors        failed Redis operations (timeouts, refused connections, unreadable entries)
 * @param invalidations successful generation bumps (one per {@code invalidate} call)
 * @param breaker       the circuit breaker's state at snapshot time
 */
public record RedisCacheMetrics(
        long hits,
        long misses,
        long coalesced,
        long bypassed,
        long loads,
        long errors,
        long invalidations,
        BreakerState breaker) {

    /** hits / (hits + misses); 0 before the first answered read. */
    public double hitRatio() {
        long answered = hits + misses;
        return answered == 0 ? 0.0 : (double) hits / answered;
    }
}
