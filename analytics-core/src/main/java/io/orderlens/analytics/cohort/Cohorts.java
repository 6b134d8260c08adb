package io.orderlens.analytics.cohort;

import java.time.LocalDate;

/**
 * Cohort queries over the counted orders, reached through {@code Analytics.cohorts()}; thread-safe. Both are folded
 * in one pass over the store's customer × day counters (one row per customer and day with an order), never over
 * the orders, and go through the configured cache like every query. Days are business-zone days; a customer's
 * orders are the counted ones of the counting policy, so a cancel or full refund of a customer's first order moves
 * the customer to the cohort of their next counted order (or out of every cohort).
 *
 * <p>Both throw {@link IllegalArgumentException} for a null argument or a {@code from} after {@code to}, and
 * {@link IllegalStateException} once the instance is closed.
 */
public interface Cohorts {

    /**
     * Retention of the acquisition cohorts whose period (the {@code period} of each customer's first counted order)
     * starts within the periods of {@code from..to}: per cohort and offset, the customers with a counted order in
     * that period, their share of the cohort, and the cohort's net revenue in it (and cumulative).
     */
    CohortTable retention(CohortPeriod period, LocalDate from, LocalDate to);

    /**
     * The acquisition and repeat funnel of the customers who started in the periods of {@code from..to}. A
     * customer's start is the earlier of the business-zone day their account was created (as reported on their
     * counted orders) and the day of their first order the library saw in any status; a customer appears once an
     * order of theirs is seen. Steps are their first, second and third counted orders (two on one day count as two),
     * with conversion and the median days to each.
     */
    AcquisitionFunnel acquisitionFunnel(CohortPeriod period, LocalDate from, LocalDate to);
}
