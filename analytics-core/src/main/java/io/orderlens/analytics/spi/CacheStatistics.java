package io.orderlens.analytics.spi;

import java.util.Objects;

/**
 * A cache's counters since it was created, as reported by {@link AnalyticsCache#statistics()}. A cache fills in what
 * applies to it and reports 0 for the rest: a cache without an in-process tier has no near hits, entries or bytes.
 *
 * @param hits          reads answered by the cache's shared store (e.g. Redis) without loading
 * @param nearHits      reads answered by an in-process tier in front of it, without a round trip for the value
 * @param misses        reads the cache answered with "absent", each followed by one load
 * @param coalesced     reads that waited for a concurrent identical read instead of loading themselves
 * @param bypassed      reads that went straight to the loader because the cache was unavailable or not trusted
 * @param loads         loads made through the cache (misses, bypasses and fall-backs)
 * @param errors        failed cache operations (timeouts, refused connections, unreadable entries)
 * @param invalidations completed invalidations
 * @param nearEntries   entries held in process now
 * @param nearBytes     their estimated heap size now
 * @param nearEvictions in-process entries evicted to stay within the cache's bound
 * @param breaker       the state of the cache's circuit breaker ({@link Breaker#CLOSED} for a cache without one)
 */
public record CacheStatistics(
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
        Breaker breaker) {

    /** State of a circuit breaker in front of a cache's backing store. */
    public enum Breaker {
        /** The backing store is used. */
        CLOSED,
        /** The backing store failed repeatedly and is skipped for a while. */
        OPEN,
        /** One operation is probing the backing store; the others still skip it. */
        HALF_OPEN
    }

    /** @throws NullPointerException if {@code breaker} is null */
    public CacheStatistics {
        Objects.requireNonNull(breaker, "breaker");
    }

    /** (hits + nearHits) / (hits + nearHits + misses); 0 before the first answered read. */
    public double hitRatio() {
        long served = hits + nearHits;
        long answered = served + misses;
        return answered == 0 ? 0.0 : (double) served / answered;
    }
}
