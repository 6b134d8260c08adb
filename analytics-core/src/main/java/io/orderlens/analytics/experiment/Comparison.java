package io.orderlens.analytics.experiment;

/**
 * A variation's metric against the control's: absolute and relative lift with their 95% confidence intervals, the
 * test statistic and its two-sided p-value. Values are {@link Double#NaN} where the data do not define them (for
 * example no exposed customers, or a control rate of zero for the relative lift).
 *
 * @param absoluteLift treatment − control
 * @param absoluteLow lower bound of the 95% interval of the absolute lift
 * @param absoluteHigh upper bound of the 95% interval of the absolute lift
 * @param relativeLift treatment / control − 1
 * @param relativeLow lower bound of the 95% interval of the relative lift (delta method)
 * @param relativeHigh upper bound of the 95% interval of the relative lift (delta method)
 * @param statistic z (conversion, pooled two-proportion test) or t (Welch's test)
 * @param degreesOfFreedom Welch–Satterthwaite degrees of freedom; infinite for a z-test
 * @param pValue two-sided p-value
 */
public record Comparison(
        double absoluteLift,
        double absoluteLow,
        double absoluteHigh,
        double relativeLift,
        double relativeLow,
        double relativeHigh,
        double statistic,
        double degreesOfFreedom,
        double pValue) {

    /** Whether the two-sided p-value is below {@code alpha}. */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}
