package io.orderlens.analytics.period;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One metric over the buckets of a series.
 *
 * @param sum       the metric summed over every bucket, exact
 * @param mean      {@code sum} per bucket, half-up to four decimals
 * @param min       the smallest bucket value
 * @param minBucket the label of the first bucket with {@code min}
 * @param max       the largest bucket value
 * @param maxBucket the label of the first bucket with {@code max}
 */
public record MetricSummary(
        Metric metric,
        BigDecimal sum,
        BigDecimal mean,
        BigDecimal min,
        String minBucket,
        BigDecimal max,
        String maxBucket) {

    /** @throws NullPointerException if any component is null */
    public MetricSummary {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(minBucket, "minBucket");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxBucket, "maxBucket");
    }
}
