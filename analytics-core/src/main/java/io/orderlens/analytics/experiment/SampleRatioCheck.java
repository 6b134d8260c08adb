package io.orderlens.analytics.experiment;

/**
 * Pearson's chi-square goodness-of-fit test of the exposed customers per variation against the configured weights.
 * A p-value below {@link #THRESHOLD} flags a sample-ratio mismatch: the assignment or the exposure logging is broken
 * and the results should not be trusted.
 *
 * @param chiSquare the statistic
 * @param degreesOfFreedom number of variations − 1
 * @param pValue upper-tail probability of the statistic; NaN without exposed customers
 * @param mismatch {@code pValue < THRESHOLD}
 */
public record SampleRatioCheck(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch) {
    /** The p-value below which a mismatch is flagged. */
    public static final double THRESHOLD = 0.001;
}
