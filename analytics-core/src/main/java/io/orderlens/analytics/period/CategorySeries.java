package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Revenue by category per period ({@link PeriodQueries#byCategory}): every category that sold or was refunded in the
 * series' buckets, in every bucket (zero-filled). Immutable.
 *
 * @param zone       the business zone whose days the buckets hold
 * @param from       the first day of the first bucket
 * @param to         the last day of the last bucket
 * @param categories the categories of the series, by net revenue over its buckets descending, then by name
 * @param buckets    per bucket in order, one row per category in the order of {@code categories}
 */
public record CategorySeries(
        Granularity granularity,
        String zone,
        LocalDate from,
        LocalDate to,
        List<String> categories,
        List<CategoryBucket> buckets) {

    /** @throws NullPointerException if a component is null or a list holds a null */
    public CategorySeries {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        categories = List.copyOf(categories);
        buckets = List.copyOf(buckets);
    }
}
