package io.orderlens.analytics.experiment;

import java.math.BigDecimal;

/**
 * One variation's outcome. Rates and per-customer values are NaN / null when nobody was exposed.
 *
 * @param variation variation key
 * @param exposedUsers customers counted in this variation
 * @param convertedUsers of those, customers with at least one counted order after their first exposure
 * @param conversionRate converted / exposed
 * @param ordersPerUser orders / exposed
 * @param netRevenuePerUser net revenue / exposed, to 4 decimal places (half-even); null without exposures
 * @param averageOrderValue net revenue / orders, to 4 decimal places (half-even); null without orders
 * @param conversion against the control (pooled two-proportion z-test); null for the control
 * @param revenuePerUser against the control (Welch's t-test); null for the control
 */
public record VariationResult(
        String variation,
        long exposedUsers,
        long convertedUsers,
        double conversionRate,
        double ordersPerUser,
        BigDecimal netRevenuePerUser,
        BigDecimal averageOrderValue,
        Comparison conversion,
        Comparison revenuePerUser) {}
