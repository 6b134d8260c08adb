package io.orderlens.analytics.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The hypothesis tests behind experiment results, with distribution functions from Apache Commons Statistics.
 * Stateless and thread-safe. Intervals are 95%, tests two-sided.
 */
public final class Significance {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    private Significance() {}

    /**
     * Pooled two-proportion z-test of {@code treatmentConverted / treatmentTotal} against {@code controlConverted /
     * controlTotal}; the interval of the difference uses the unpooled standard error, the relative interval the
     * delta method.
     *
     * @throws InvalidExperimentException if a count is negative or a converted count exceeds its total
     */
    public static Comparison twoProportions(
            long controlConverted, long controlTotal, long treatmentConverted, long treatmentTotal) {
        checkProportion("control", controlConverted, controlTotal);
        checkProportion("treatment", treatmentConverted, treatmentTotal);
        if (controlTotal == 0 || treatmentTotal == 0) {
            return undefined();
        }
        double p1 = (double) controlConverted / controlTotal;
        double p2 = (double) treatmentConverted / treatmentTotal;
        double pooled = (double) (controlConverted + treatmentConverted) / (controlTotal + treatmentTotal);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlTotal + 1.0 / treatmentTotal));
        double z = (p2 - p1) / pooledSe;
        double p = 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        double v1 = p1 * (1 - p1) / controlTotal;
        double v2 = p2 * (1 - p2) / treatmentTotal;
        return comparison(p1, v1, p2, v2, Z_975, z, Double.POSITIVE_INFINITY, pooledSe == 0 ? Double.NaN : p);
    }

    /**
     * Welch's unequal-variance t-test of the treatment mean against the control mean, each given by its exact count,
     * sum and sum of squares.
     *
     * @throws InvalidExperimentException if a count is negative or the sums are inconsistent (negative variance)
     */
    public static Comparison welch(
            long controlN,
            BigDecimal controlSum,
            BigDecimal controlSumOfSquares,
            long treatmentN,
            BigDecimal treatmentSum,
            BigDecimal treatmentSumOfSquares) {
        if (controlN < 2 || treatmentN < 2) {
            if (controlN < 0 || treatmentN < 0) {
                throw new InvalidExperimentException(
                        "counts must be non-negative, got " + controlN + " and " + treatmentN);
            }
            return undefined();
        }
        double m1 = controlSum.doubleValue() / controlN;
        double m2 = treatmentSum.doubleValue() / treatmentN;
        double v1 = variance("control", controlN, controlSum, controlSumOfSquares) / controlN;
        double v2 = variance("treatment", treatmentN, treatmentSum, treatmentSumOfSquares) / treatmentN;
        double se = Math.sqrt(v1 + v2);
        if (se == 0) {
            return comparison(m1, v1, m2, v2, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double t = (m2 - m1) / se;
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (controlN - 1) + v2 * v2 / (treatmentN - 1));
        TDistribution dist = TDistribution.of(df);
        double p = 2 * dist.survivalProbability(Math.abs(t));
        return comparison(m1, v1, m2, v2, dist.inverseCumulativeProbability(0.975), t, df, p);
    }

    /**
     * Chi-square goodness of fit of {@code observed} counts against {@code weights} (normalised to sum 1).
     *
     * @throws InvalidExperimentException if the arrays differ in length, have fewer than 2 entries, or hold a
     *     negative count or a non-positive weight
     */
    public static SampleRatioCheck sampleRatio(long[] observed, double[] weights) {
        if (observed.length != weights.length || observed.length < 2) {
            throw new InvalidExperimentException("sample-ratio check needs one weight per count and at least 2, got "
                    + observed.length + " counts and " + weights.length + " weights");
        }
        long total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0 || !(weights[i] > 0)) {
                throw new InvalidExperimentException("sample-ratio check needs counts >= 0 and weights > 0, got count "
                        + observed[i] + " and weight " + weights[i] + " at index " + i);
            }
            total += observed[i];
            weightSum += weights[i];
        }
        int df = observed.length - 1;
        if (total == 0) {
            return new SampleRatioCheck(0, df, Double.NaN, false);
        }
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * weights[i] / weightSum;
            double d = observed[i] - expected;
            chi += d * d / expected;
        }
        double p = ChiSquaredDistribution.of(df).survivalProbability(chi);
        return new SampleRatioCheck(chi, df, p, p < SampleRatioCheck.THRESHOLD);
    }

    /**
     * Customers needed per variation to detect a change of the conversion rate from {@code baselineRate} to
     * {@code baselineRate + minimumDetectableEffect} with a two-sided test at level {@code alpha} and the given
     * {@code power} (normal approximation, pooled variance under the null).
     *
     * @throws InvalidExperimentException if the rates are not in (0, 1), the effect is zero, or alpha or power are
     *     not in (0, 1)
     */
    public static long sampleSizePerVariation(
            double baselineRate, double minimumDetectableEffect, double alpha, double power) {
        double p1 = baselineRate;
        double p2 = baselineRate + minimumDetectableEffect;
        if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && minimumDetectableEffect != 0)) {
            throw new InvalidExperimentException("baseline rate and baseline + effect must be in (0, 1) and the effect"
                    + " non-zero, got baseline " + baselineRate + " and effect " + minimumDetectableEffect);
        }
        if (!(alpha > 0 && alpha < 1 && power > 0 && power < 1)) {
            throw new InvalidExperimentException(
                    "alpha and power must be in (0, 1), got alpha " + alpha + " and power " + power);
        }
        double za = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zb = STANDARD_NORMAL.inverseCumulativeProbability(power);
        double mean = (p1 + p2) / 2;
        double root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(root * root / (minimumDetectableEffect * minimumDetectableEffect));
    }

    /** Sample variance {@code (n·Σx² − (Σx)²) / (n(n−1))}, the numerator computed exactly. */
    private static double variance(String arm, long n, BigDecimal sum, BigDecimal sumOfSquares) {
        BigDecimal numerator = BigDecimal.valueOf(n).multiply(sumOfSquares).subtract(sum.multiply(sum));
        if (numerator.signum() < 0) {
            throw new InvalidExperimentException("sums of the " + arm + " are inconsistent: n·Σx² < (Σx)² for n = " + n
                    + ", Σx = " + sum + ", Σx² = " + sumOfSquares);
        }
        return numerator
                .divide(BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(n - 1)), MathContext.DECIMAL64)
                .doubleValue();
    }

    private static Comparison comparison(
            double m1, double v1, double m2, double v2, double critical, double statistic, double df, double p) {
        double diff = m2 - m1;
        double se = Math.sqrt(v1 + v2);
        double rel = m1 == 0 ? Double.NaN : m2 / m1 - 1;
        double relSe = m1 == 0 ? Double.NaN : Math.sqrt(v2 / (m1 * m1) + m2 * m2 * v1 / (m1 * m1 * m1 * m1));
        return new Comparison(
                diff,
                diff - critical * se,
                diff + critical * se,
                rel,
                rel - critical * relSe,
                rel + critical * relSe,
                statistic,
                df,
                p);
    }

    private static Comparison undefined() {
        double nan = Double.NaN;
        return new Comparison(nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }

    private static void checkProportion(String arm, long converted, long total) {
        if (total < 0 || converted < 0 || converted > total) {
            throw new InvalidExperimentException(
                    arm + " needs 0 <= converted <= total, got " + converted + " of " + total);
        }
    }
}
