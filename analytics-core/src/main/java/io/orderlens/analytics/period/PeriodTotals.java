package io.orderlens.analytics.period;

import io.orderlens.analytics.model.OrderStatus;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The daily series' figures summed over the days of one bucket. Gross figures are by order day, refunds by refund
 * day, so {@code netRevenue} is the bucket's gross minus the bucket's refunds. Immutable.
 *
 * @param averageOrderValue gross revenue per counted order, half-up to two decimals; {@code 0.00} without orders
 * @param ordersByStatus    orders placed in the bucket by their current status (statuses with a count only)
 */
public record PeriodTotals(
        long orders,
        BigDecimal grossRevenue,
        long items,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue,
        long newCustomers,
        long cancellations,
        BigDecimal averageOrderValue,
        Map<OrderStatus, Long> ordersByStatus) {

    /** @throws NullPointerException if an amount or {@code ordersByStatus} is null, or the map holds a null */
    public PeriodTotals {
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(refundedAmount, "refundedAmount");
        Objects.requireNonNull(netRevenue, "netRevenue");
        Objects.requireNonNull(averageOrderValue, "averageOrderValue");
        Objects.requireNonNull(ordersByStatus, "ordersByStatus");
        EnumMap<OrderStatus, Long> copy = new EnumMap<>(OrderStatus.class);
        ordersByStatus.forEach((s, n) -> copy.put(Objects.requireNonNull(s), Objects.requireNonNull(n)));
        ordersByStatus = Collections.unmodifiableMap(copy);
    }

    /** The value of {@code metric}: counts with scale 0, money as stored (four decimals). */
    public BigDecimal value(Metric metric) {
        return switch (metric) {
            case ORDERS -> BigDecimal.valueOf(orders);
            case GROSS_REVENUE -> grossRevenue;
            case ITEMS -> BigDecimal.valueOf(items);
            case REFUNDS -> BigDecimal.valueOf(refunds);
            case REFUNDED_AMOUNT -> refundedAmount;
            case NET_REVENUE -> netRevenue;
            case NEW_CUSTOMERS -> BigDecimal.valueOf(newCustomers);
            case CANCELLATIONS -> BigDecimal.valueOf(cancellations);
        };
    }
}
