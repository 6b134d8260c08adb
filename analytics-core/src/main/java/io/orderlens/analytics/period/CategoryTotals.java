package io.orderlens.analytics.period;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One category's figures summed over the days of one bucket: sales by order day, refunds by refund day, so
 * {@code netRevenue} is the bucket's gross minus the bucket's refunds of the category. Immutable.
 */
public record CategoryTotals(
        long orders,
        long units,
        BigDecimal grossRevenue,
        long refundedUnits,
        BigDecimal refundedAmount,
        BigDecimal netRevenue) {

    /** @throws NullPointerException if an amount is null */
    public CategoryTotals {
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(refundedAmount, "refundedAmount");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }

    /** The value of {@code metric}: counts with scale 0, money as stored (four decimals). */
    public BigDecimal value(CategoryMetric metric) {
        return switch (metric) {
            case ORDERS -> BigDecimal.valueOf(orders);
            case UNITS -> BigDecimal.valueOf(units);
            case GROSS_REVENUE -> grossRevenue;
            case REFUNDED_UNITS -> BigDecimal.valueOf(refundedUnits);
            case REFUNDED_AMOUNT -> refundedAmount;
            case NET_REVENUE -> netRevenue;
        };
    }
}
