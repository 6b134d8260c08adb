package io.orderlens.analytics.period;

import java.time.LocalDate;

/**
 * Series by day, ISO week, month, quarter and year, folded from the stored daily counters (one read of the days of
 * the series and of the year before it, never the orders). Reads through the configured cache (if any); thread-safe.
 */
public interface PeriodQueries {

    /**
     * The whole periods of {@code granularity} that overlap {@code [from, to]} (a monthly series from 2024-03-15 to
     * 2024-05-02 has the buckets 2024-03, 2024-04 and 2024-05, each complete), zero-filled, each with its figures,
     * those of the previous bucket and of the same bucket a year earlier, and the changes against both; and a
     * summary of every metric over the buckets.
     *
     * @throws IllegalArgumentException if {@code granularity}, {@code from} or {@code to} is null, a date lies
     *     outside 1899-12-31..2200-01-01, {@code from} is after {@code to}, or {@code [from, to]} spans more than
     *     3,660 days
     * @throws IllegalStateException if the instance is closed
     */
    PeriodSeries series(Granularity granularity, LocalDate from, LocalDate to);
}
