package io.orderlens.analytics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hour histograms add, negate and compare exactly, whether their counts fit in an int or not. */
class HourHistogramTest {
    private static final long BEYOND_INT = Integer.MAX_VALUE + 1L;

    @Test
    void countsBeyondTheIntRangeAreKeptExactlyAndAddBackToSmallOnes() {
        HourHistogram near = HourHistogram.single(3, Integer.MAX_VALUE);
        HourHistogram beyond = near.plus(HourHistogram.single(3, 1));

        assertThat(beyond.get(3)).isEqualTo(BEYOND_INT);
        assertThat(beyond.plus(beyond).get(3)).isEqualTo(2 * BEYOND_INT);
        assertThat(beyond.negate().get(3)).isEqualTo(-BEYOND_INT);
        assertThat(beyond.plus(HourHistogram.single(3, -1))).isEqualTo(near);
        assertThat(HourHistogram.single(5, Long.MIN_VALUE).get(5)).isEqualTo(Long.MIN_VALUE);
        assertThat(HourHistogram.single(6, Integer.MIN_VALUE).negate().get(6)).isEqualTo(BEYOND_INT);
    }

    @Test
    void equalCountsAreEqualWithTheSameHashWhicheverFormHoldsThem() {
        HourHistogram beyond = HourHistogram.single(7, BEYOND_INT);
        HourHistogram backToSmall = beyond.plus(HourHistogram.single(7, -BEYOND_INT + 2));
        HourHistogram small = HourHistogram.single(7, 2);

        assertThat(backToSmall).isEqualTo(small).hasSameHashCodeAs(small);
        assertThat(beyond.plus(beyond.negate())).isEqualTo(HourHistogram.EMPTY);
        assertThat(beyond.plus(beyond.negate()).isZero()).isTrue();
        assertThat(beyond.isZero()).isFalse();
        assertThat(beyond).isNotEqualTo(small);
        for (HourHistogram h : new HourHistogram[] {beyond, small, HourHistogram.EMPTY}) {
            assertThat(h.hashCode()).isEqualTo(Arrays.hashCode(h.toArray()));
            assertThat(HourHistogram.of(h.toArray())).isEqualTo(h);
            assertThat(h.toString()).isEqualTo(Arrays.toString(h.toArray()));
        }
    }

    @Test
    void ofCopiesItsArgumentAndToArrayReturnsACopy() {
        long[] counts = new long[24];
        counts[1] = 4;
        HourHistogram h = HourHistogram.of(counts);
        counts[1] = 9;
        h.toArray()[1] = 9;

        assertThat(h.get(1)).isEqualTo(4);
    }

    @Test
    void aWrongShapeIsRefusedWithItsReason() {
        assertThatThrownBy(() -> HourHistogram.of(new long[23]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 24 hourly counts, got 23");
        assertThatThrownBy(() -> HourHistogram.single(24, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hour must be 0..23, got 24");
    }
}
