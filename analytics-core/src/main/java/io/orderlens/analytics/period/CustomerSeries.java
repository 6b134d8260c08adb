package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * New and returning customers per period ({@link PeriodQueries#newAndReturning}), zero-filled. Immutable.
 *
 * @param zone    the business zone whose days the buckets hold
 * @param from    the first day of the first bucket
 * @param to      the last day of the last bucket
 * @param buckets every period from {@code from} to {@code to}, in order, at least one
 */
public record CustomerSeries(
        Granularity granularity, String zone, LocalDate from, LocalDate to, List<CustomerBucket> buckets) {

    /** @throws NullPointerException if a component is null or the list holds a null */
    public CustomerSeries {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        buckets = List.copyOf(buckets);
    }
}
