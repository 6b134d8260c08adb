package io.orderlens.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Duration buckets: exact seconds below 16 s, eight buckets per doubling above, 12.5 % resolution")
class DurationBucketsTest {

    @Test
    void everySecondBelowSixteenHasItsOwnBucket() {
        for (int s = 0; s < 16; s++) {
            assertThat(DurationBuckets.index(s)).isEqualTo(s);
            assertThat(DurationBuckets.lowerBound(s)).isEqualTo(Duration.ofSeconds(s));
            assertThat(DurationBuckets.upperBound(s)).isEqualTo(Duration.ofSeconds(s + 1));
        }
    }

    @Test
    void bucketsAboveSixteenSecondsSplitEachDoublingInEight() {
        assertThat(DurationBuckets.index(16)).isEqualTo(16);
        assertThat(DurationBuckets.index(17)).isEqualTo(16);
        assertThat(DurationBuckets.index(18)).isEqualTo(17);
        assertThat(DurationBuckets.index(31)).isEqualTo(23);
        assertThat(DurationBuckets.index(32)).isEqualTo(24);
        assertThat(DurationBuckets.index(35)).isEqualTo(24);
        assertThat(DurationBuckets.index(36)).isEqualTo(25);
        // 30 minutes (1,800 s) lies in 1,792 .. 1,920 s
        int half = DurationBuckets.index(Duration.ofMinutes(30));
        assertThat(DurationBuckets.lowerBound(half)).isEqualTo(Duration.ofSeconds(1_792));
        assertThat(DurationBuckets.upperBound(half)).isEqualTo(Duration.ofSeconds(1_920));
    }

    @Test
    void bucketsTileTheRangeWithoutGapsAndAreAtMostAnEighthOfTheirLowerBoundWide() {
        for (int i = 0; i < DurationBuckets.COUNT; i++) {
            Duration lower = DurationBuckets.lowerBound(i);
            Duration upper = DurationBuckets.upperBound(i);
            assertThat(DurationBuckets.index(lower)).isEqualTo(i);
            assertThat(DurationBuckets.index(upper.minusSeconds(1))).isEqualTo(i);
            if (i + 1 < DurationBuckets.COUNT) {
                assertThat(DurationBuckets.lowerBound(i + 1)).isEqualTo(upper);
            }
            if (i >= 16) {
                assertThat(upper.minus(lower).getSeconds() * 8).isLessThanOrEqualTo(lower.getSeconds());
            }
        }
        assertThat(DurationBuckets.upperBound(DurationBuckets.COUNT - 1)).isEqualTo(Duration.ofSeconds(1L << 25));
    }

    @Test
    void negativeDurationsCountAsZeroAndVeryLongOnesInTheLastBucket() {
        assertThat(DurationBuckets.index(Duration.ofSeconds(-40))).isZero();
        assertThat(DurationBuckets.index(Duration.ofMillis(999))).isZero();
        assertThat(DurationBuckets.index(Duration.ofDays(400))).isEqualTo(DurationBuckets.COUNT - 1);
        assertThat(DurationBuckets.index(Long.MAX_VALUE)).isEqualTo(DurationBuckets.COUNT - 1);
    }

    @Test
    void anIndexOutsideTheBucketsIsRefused() {
        assertThatThrownBy(() -> DurationBuckets.upperBound(DurationBuckets.COUNT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got " + DurationBuckets.COUNT);
        assertThatThrownBy(() -> DurationBuckets.lowerBound(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
