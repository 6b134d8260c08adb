package io.orderlens.analytics.segment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One customer of a segment.
 *
 * @param averageOrderValue    netSpend / orders, 2 decimals half-up
 * @param daysSinceLastOrder   calendar days from the last order's business-zone day to the as-of day
 * @param predictedClv         the predicted lifetime value when the query loaded predictions (ordered by
 *                             {@link MemberOrder#PREDICTED_CLV}, or a rule testing a CLV field) and the model was
 *                             usable; otherwise null
 */
public record SegmentMember(
        String customerId,
        long orders,
        BigDecimal netSpend,
        BigDecimal averageOrderValue,
        Instant firstOrderAt,
        Instant lastOrderAt,
        long daysSinceLastOrder,
        BigDecimal predictedClv) {}
