package io.orderlens.analytics.redis;

import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link CacheStatistics}, shared by the parts of one {@link RedisAnalyticsCache}. Thread-safe;
 * counting never blocks.
 */
final class CacheCounters {
    final LongAdder hits = new LongAdder();
    final LongAdder nearHits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder bypassed = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    /** The counters now, with the near cache's figures ({@code near} may be null: none) and the breaker state. */
    CacheStatistics snapshot(NearCache near, Breaker breaker) {
        return new CacheStatistics(
                hits.sum(),
                nearHits.sum(),
                misses.sum(),
                coalesced.sum(),
                bypassed.sum(),
                loads.sum(),
                errors.sum(),
                invalidations.sum(),
                near == null ? 0 : near.size(),
                near == null ? 0 : near.bytes(),
                near == null ? 0 : near.evictions(),
                breaker);
    }
}
