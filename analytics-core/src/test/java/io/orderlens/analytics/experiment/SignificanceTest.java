package io.orderlens.analytics.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed independently of this code with SciPy 1.17 ({@code scipy.stats}) and the textbook
 * formulas written out in Python: the pooled z and its p-value by hand with {@code norm.sf}, Welch's test with
 * {@code ttest_ind(treatment, control, equal_var=False)} and its {@code confidence_interval(0.95)}, the
 * sample-ratio check with {@code chisquare(observed, expected)}, the sample size by the formula with
 * {@code norm.ppf}.
 */
class SignificanceTest {
    private static final double TOL = 1e-6;

    @Test
    void pooledZTestMatchesTheReference() {
        // 200/1000 control vs 240/1000: pooled p = 0.22, se = sqrt(0.22·0.78·(2/1000)) = 0.0185257, z = 0.04 / se
        Comparison c = Significance.twoProportions(200, 1000, 240, 1000);

        assertThat(c.statistic()).isCloseTo(2.159168, within(TOL));
        assertThat(c.pValue()).isCloseTo(0.030837, within(TOL));
        assertThat(c.absoluteLift()).isCloseTo(0.04, within(1e-12));
        // unpooled se = sqrt(0.2·0.8/1000 + 0.24·0.76/1000); 0.04 ± 1.959964·se
        assertThat(c.absoluteLow()).isCloseTo(0.0037327214, within(1e-9));
        assertThat(c.absoluteHigh()).isCloseTo(0.0762672786, within(1e-9));
        // delta method: se_rel = sqrt(v2/p1² + p2²·v1/p1⁴)
        assertThat(c.relativeLift()).isCloseTo(0.2, within(1e-12));
        assertThat(c.relativeLow()).isCloseTo(0.0008923532, within(1e-9));
        assertThat(c.relativeHigh()).isCloseTo(0.3991076468, within(1e-9));
        assertThat(c.significantAt(0.05)).isTrue();
        assertThat(c.significantAt(0.01)).isFalse();
    }

    @Test
    void welchTestOnATinySample() {
        // control {1, 2, 3, 4}: n 4, Σx 10, Σx² 30; treatment {2, 4, 6}: n 3, Σx 12, Σx² 56
        // by hand: means 2.5 and 4, variances 5/3 and 4, se² = 5/12 + 4/3 = 1.75, t = 1.5 / sqrt(1.75) = 1.133893,
        // df = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.234719; p and the interval from SciPy
        Comparison c = Significance.welch(
                4, BigDecimal.valueOf(10), BigDecimal.valueOf(30), 3, BigDecimal.valueOf(12), BigDecimal.valueOf(56));

        assertThat(c.statistic()).isCloseTo(1.1338934190, within(1e-9));
        assertThat(c.degreesOfFreedom()).isCloseTo(3.2347188264, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.3338237001, within(1e-8));
        assertThat(c.absoluteLift()).isCloseTo(1.5, within(1e-12));
        assertThat(c.absoluteLow()).isCloseTo(-2.5423279549, within(1e-8));
        assertThat(c.absoluteHigh()).isCloseTo(5.5423279549, within(1e-8));
        assertThat(c.relativeLift()).isCloseTo(0.6, within(1e-12));
        assertThat(c.relativeLow()).isCloseTo(-1.2935559101, within(1e-8));
        assertThat(c.relativeHigh()).isCloseTo(2.4935559101, within(1e-8));
    }

    @Test
    void welchTestKeepsExactMoneySums() {
        // per-user revenues 0.001, 0.002 and 0.003 (scale 3) against 0.002, 0.004: sums exact in BigDecimal
        Comparison c = Significance.welch(
                3,
                new BigDecimal("0.006"),
                new BigDecimal("0.000014"),
                2,
                new BigDecimal("0.006"),
                new BigDecimal("0.000020"));

        assertThat(c.absoluteLift()).isCloseTo(0.001, within(1e-12));
        // variances 1e-6 and 2e-6: se² = 1e-6/3 + 2e-6/2, t = 0.001 / sqrt(4/3·1e-6) = 0.866025
        assertThat(c.statistic()).isCloseTo(Math.sqrt(3) / 2, within(1e-9));
    }

    @Test
    void inconsistentSumsAreRejected() {
        assertThatThrownBy(
                        () -> Significance.welch(2, BigDecimal.TEN, BigDecimal.ONE, 2, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("control")
                .hasMessageContaining("inconsistent");
    }

    @Test
    void sampleRatioMismatchIsFlaggedBelowOnePerMille() {
        SampleRatioCheck fine = Significance.sampleRatio(new long[] {5100, 4900}, new double[] {0.5, 0.5});
        SampleRatioCheck broken = Significance.sampleRatio(new long[] {5200, 4800}, new double[] {0.5, 0.5});
        SampleRatioCheck threeWay = Significance.sampleRatio(new long[] {330, 350, 320}, new double[] {0.3, 0.3, 0.4});

        assertThat(fine.chiSquare()).isCloseTo(4.0, within(1e-12));
        assertThat(fine.pValue()).isCloseTo(0.0455002639, within(1e-9));
        assertThat(fine.mismatch()).isFalse();
        assertThat(broken.chiSquare()).isCloseTo(16.0, within(1e-12));
        assertThat(broken.pValue()).isCloseTo(6.334248367e-05, within(1e-12));
        assertThat(broken.mismatch()).isTrue();
        assertThat(threeWay.degreesOfFreedom()).isEqualTo(2);
        assertThat(threeWay.chiSquare()).isCloseTo(27.3333333333, within(1e-9));
        assertThat(threeWay.pValue()).isCloseTo(1.160491812e-06, within(1e-13));
    }

    @Test
    void sampleSizeForTwoPointLiftOnTwentyPercent() {
        // (1.959964·sqrt(2·0.21·0.79) + 0.841621·sqrt(0.2·0.8 + 0.22·0.78))² / 0.02² = 6509.47
        assertThat(Significance.sampleSizePerVariation(0.2, 0.02, 0.05, 0.8)).isEqualTo(6510);
    }

    @Test
    void badInputsGetSpecificErrors() {
        assertThatThrownBy(() -> Significance.twoProportions(11, 10, 1, 10))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessage("control needs 0 <= converted <= total, got 11 of 10");
        assertThatThrownBy(() -> Significance.sampleRatio(new long[] {1, 2}, new double[] {1}))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("2 counts and 1 weights");
        assertThatThrownBy(() -> Significance.sampleSizePerVariation(0.95, 0.1, 0.05, 0.8))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("baseline 0.95");
        assertThatThrownBy(() -> Significance.sampleSizePerVariation(0.2, 0.02, 0.05, 1.0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("power 1.0");
    }

    @Test
    void emptyArmsGiveUndefinedValuesNotErrors() {
        Comparison c = Significance.twoProportions(0, 0, 5, 10);
        SampleRatioCheck srm = Significance.sampleRatio(new long[] {0, 0}, new double[] {0.5, 0.5});

        assertThat(c.pValue()).isNaN();
        assertThat(c.significantAt(0.05)).isFalse();
        assertThat(srm.pValue()).isNaN();
        assertThat(srm.mismatch()).isFalse();
    }
}
