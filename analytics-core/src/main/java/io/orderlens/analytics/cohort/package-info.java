/**
 * Cohorts over the counted orders ({@link io.orderlens.analytics.cohort.Cohorts}, reached through
 * {@code Analytics.cohorts()}): acquisition cohorts by the month or ISO week of a customer's first counted order
 * with their retention and net revenue per period, and the acquisition and repeat funnel (first, second and third
 * counted order) of customers by the period they were acquired. Counts are exact and follow cancels and refunds;
 * periods are in the business zone. Every type here is immutable and thread-safe.
 */
package io.orderlens.analytics.cohort;
