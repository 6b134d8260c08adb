package io.orderlens.analytics.segment;

import java.math.BigDecimal;

/**
 * Totals of a segment's customers, exact.
 *
 * @param customers              customers in the segment
 * @param totalCustomers         customers with at least one counted order
 * @param share                  customers / totalCustomers, 4 decimals half-up
 * @param orders                 their counted orders
 * @param netSpend               their net spend
 * @param averageOrderValue      netSpend / orders, 2 decimals half-up; 0.00 when empty
 * @param averageSpendPerCustomer netSpend / customers, 2 decimals half-up; 0.00 when empty
 */
public record SegmentStatistics(
        long customers,
        long totalCustomers,
        BigDecimal share,
        long orders,
        BigDecimal netSpend,
        BigDecimal averageOrderValue,
        BigDecimal averageSpendPerCustomer) {}
