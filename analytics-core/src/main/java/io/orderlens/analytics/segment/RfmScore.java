package io.orderlens.analytics.segment;

import java.math.BigDecimal;

/**
 * One customer's RFM values and scores as of a day.
 *
 * @param recencyDays calendar days from the business-zone day of the latest counted order to the as-of day
 * @param orders      counted orders (frequency)
 * @param netSpend    net spend (monetary)
 * @param recency     score 1..5, 5 for the most recent
 * @param frequency   score 1..5, 5 for the most orders
 * @param monetary    score 1..5, 5 for the highest spend
 * @param segment     the grid's segment name for the three scores
 */
public record RfmScore(
        String customerId,
        long recencyDays,
        long orders,
        BigDecimal netSpend,
        int recency,
        int frequency,
        int monetary,
        String segment) {}
