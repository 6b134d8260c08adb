package io.orderlens.analytics.segment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One customer of a segment.
 *
 * @param averageOrderValue    netSpend / orders, 2 decimals half-up
 * @param daysSinceLastOrder   calendar days from the last order's business-zone day to the as-of day
 */
public record SegmentMember(
        String customerId,
        long orders,
        BigDecimal netSpend,
        BigDecimal averageOrderValue,
        Instant firstOrderAt,
        Instant lastOrderAt,
        long daysSinceLastOrder) {}
