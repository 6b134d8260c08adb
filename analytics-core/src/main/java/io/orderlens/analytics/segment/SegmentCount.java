package io.orderlens.analytics.segment;

import java.math.BigDecimal;

/**
 * How many customers a rule selects.
 *
 * @param customers      customers in the segment
 * @param totalCustomers customers with at least one counted order (the population every rule is evaluated over)
 * @param share          customers / totalCustomers, 4 decimals half-up; 0 when there are no customers
 */
public record SegmentCount(long customers, long totalCustomers, BigDecimal share) {}
