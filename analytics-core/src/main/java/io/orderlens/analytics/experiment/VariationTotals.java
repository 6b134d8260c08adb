package io.orderlens.analytics.experiment;

import java.math.BigDecimal;

/**
 * The counters a store keeps per variation, from which results are computed: customers counted in the variation
 * (first exposed there and never in another), how many of them ordered, their orders and net revenue, and the sum
 * over those customers of the square of each one's net revenue (for the variance of revenue per customer). Sums are
 * exact.
 *
 * @param variation variation key
 * @param exposedUsers customers counted in the variation, >= 0
 * @param convertedUsers of those, customers with at least one counted order, in {@code [0, exposedUsers]}
 * @param orders counted orders of those customers after their first exposure, >= 0
 * @param netRevenue net revenue of those orders after refunds and cancellations
 * @param netRevenueSquares Σ over the customers of (their net revenue)², >= 0
 */
public record VariationTotals(
        String variation,
        long exposedUsers,
        long convertedUsers,
        long orders,
        BigDecimal netRevenue,
        BigDecimal netRevenueSquares) {
    public VariationTotals {
        if (variation == null
                || exposedUsers < 0
                || convertedUsers < 0
                || convertedUsers > exposedUsers
                || orders < 0
                || netRevenue == null
                || netRevenueSquares == null
                || netRevenueSquares.signum() < 0) {
            throw new InvalidExperimentException("inconsistent variation totals: variation " + variation + ", exposed "
                    + exposedUsers + ", converted " + convertedUsers + ", orders " + orders + ", revenue "
                    + netRevenue + ", Σ revenue² " + netRevenueSquares);
        }
    }

    /** Totals of a variation nobody was exposed to. */
    public static VariationTotals empty(String variation) {
        return new VariationTotals(variation, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
