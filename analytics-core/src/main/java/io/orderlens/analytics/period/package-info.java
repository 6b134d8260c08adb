/**
 * Series by period ({@link io.orderlens.analytics.period.PeriodQueries}, reached through
 * {@code Analytics.periods()}): day, ISO week, month, quarter and year buckets of business-zone days, zero-filled,
 * with changes against the previous bucket and the same bucket a year earlier and a summary of the range; revenue by
 * category over the same buckets; new and returning customers per bucket. Amounts are exact {@code BigDecimal}s;
 * every type is immutable and thread-safe.
 */
package io.orderlens.analytics.period;
