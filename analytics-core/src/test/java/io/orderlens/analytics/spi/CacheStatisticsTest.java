package io.orderlens.analytics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import org.junit.jupiter.api.Test;

class CacheStatisticsTest {
    @Test
    void theHitRatioCountsHitsFromEitherTierAgainstMissesAndIsZeroBeforeAnyAnsweredRead() {
        assertThat(statistics(0, 0, 0).hitRatio()).isZero();
        assertThat(statistics(1, 2, 1).hitRatio()).isEqualTo(0.75);
        assertThat(statistics(0, 0, 4).hitRatio()).isZero();
    }

    @Test
    void aMissingBreakerStateIsRejected() {
        assertThatThrownBy(() -> new CacheStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("breaker");
    }

    @Test
    void aCacheThatKeepsNoStatisticsReportsNone() {
        assertThat(AnalyticsCache.none().statistics()).isEmpty();
    }

    private static CacheStatistics statistics(long hits, long nearHits, long misses) {
        // bypassed and coalesced reads were neither answered nor missed by the cache
        return new CacheStatistics(hits, nearHits, misses, 5, 7, misses + 7, 0, 0, 0, 0, 0, Breaker.CLOSED);
    }
}
