package io.orderlens.analytics.query;

import io.orderlens.analytics.model.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One business-zone day. Gross figures are by order day, refunds by refund day, so {@code netRevenue} is the day's
 * gross minus the day's refunds. Immutable: {@code ordersByStatus} is an unmodifiable copy.
 *
 * @param ordersByStatus orders placed that day by their current status
 * @param newCustomers   customers whose first counted order was that day
 */
public record DailyStats(
        LocalDate date,
        long orders,
        BigDecimal grossRevenue,
        long items,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue,
        long newCustomers,
        long cancellations,
        Map<OrderStatus, Long> ordersByStatus) {

    /** @throws NullPointerException if {@code ordersByStatus} is null or holds a null */
    public DailyStats {
        ordersByStatus = Immutable.enumMap(ordersByStatus, OrderStatus.class, "ordersByStatus");
    }
}
