package io.orderlens.analytics.query;

import io.orderlens.analytics.model.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Totals over an inclusive date range of the business zone. Immutable: the lists and the map are unmodifiable copies,
 * so one instance can be shared by every reader.
 *
 * @param averageOrderValue grossRevenue / orders, 2 decimals half-up; 0 with no orders
 * @param salesByCountry    by net revenue, descending
 * @param topProducts       all-time top products by revenue (products are not bucketed by day)
 */
public record Dashboard(
        LocalDate from,
        LocalDate to,
        String zone,
        long orders,
        BigDecimal grossRevenue,
        BigDecimal refundedAmount,
        BigDecimal netRevenue,
        BigDecimal averageOrderValue,
        long items,
        long refunds,
        long newCustomers,
        long cancellations,
        Map<OrderStatus, Long> ordersByStatus,
        List<CountrySales> salesByCountry,
        List<ProductStats> topProducts,
        List<CategoryStats> topCategories) {

    /** @throws NullPointerException if a list or the map is null or holds a null */
    public Dashboard {
        ordersByStatus = Immutable.enumMap(ordersByStatus, OrderStatus.class, "ordersByStatus");
        salesByCountry = Immutable.list(salesByCountry, "salesByCountry");
        topProducts = Immutable.list(topProducts, "topProducts");
        topCategories = Immutable.list(topCategories, "topCategories");
    }
}
