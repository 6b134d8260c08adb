package io.orderlens.analytics.cohort;

import java.math.BigDecimal;

/**
 * The customers of an acquisition cohort who reached their {@code order}-th counted order (1, 2 or 3), counted
 * orders sorted by the day they were placed.
 *
 * @param order                  1, 2 or 3
 * @param customers              customers with at least {@code order} counted orders
 * @param conversion             {@code customers} / the previous step's customers (the cohort's size for the first
 *                               order), a fraction rounded half-even to 4 decimals; 0 if the previous step is empty
 * @param medianDaysFromStart    median of the days from the customer's start (account created or first seen) to
 *                               the day of this order; null if no customer reached it
 * @param medianDaysFromPrevious median of the days from the previous step (the start, for the first order) to this
 *                               one; null if no customer reached it. Medians of an even count are the mean of the
 *                               two middle values, so they end in .0 or .5
 */
public record FunnelStep(
        int order,
        long customers,
        BigDecimal conversion,
        BigDecimal medianDaysFromStart,
        BigDecimal medianDaysFromPrevious) {}
