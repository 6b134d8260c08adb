package io.orderlens.analytics.period;

import java.time.LocalDate;

/**
 * Series by day, ISO week, month, quarter and year, folded from the stored counters, never the orders: the daily
 * series' figures and revenue by category from one read of the days of the series and of the year before it, new and
 * returning customers from the customer × day rows. Reads through the configured cache (if any); thread-safe.
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

    /**
     * Revenue by category over the same buckets as {@link #series}: per bucket, every category that sold or was
     * refunded in any bucket of the series (zero-filled where it did not), with its orders, units, gross, refunds
     * and net, their change against the previous bucket and against the same bucket a year earlier. Gross is by
     * order day, refunds by refund day; refund money that names no category (an amount-only refund, a standalone
     * refund without a category) is in no category, so the categories' net may add up to less refunded than the
     * daily series has. One date scan of the stored day × category counters over the buckets and the periods they
     * compare with, never the orders.
     *
     * @throws IllegalArgumentException as {@link #series} does
     * @throws IllegalStateException if the instance is closed
     */
    CategorySeries byCategory(Granularity granularity, LocalDate from, LocalDate to);

    /**
     * New and returning customers over the same buckets as {@link #series}: new are the customers whose first
     * counted order falls in the bucket, returning those with a counted order in the bucket whose first counted
     * order was earlier. A counted order is one that counts and is neither canceled nor fully refunded, so a
     * customer whose first order is canceled becomes new with their next one. Folded from one scan of every stored
     * customer × day row (the rows cohorts are folded from; on MongoDB one find over {@code customer_days}, a cost
     * that grows with customers × days they ordered on, whatever the range), holding one small record per customer
     * while it runs; the result is cached under the global scope, which every write invalidates.
     *
     * @throws IllegalArgumentException as {@link #series} does
     * @throws IllegalStateException if the instance is closed
     */
    CustomerSeries newAndReturning(Granularity granularity, LocalDate from, LocalDate to);
}
