package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A zero-filled series of whole calendar periods with their changes and a summary of the range. Immutable.
 *
 * @param zone    the business zone whose days the buckets hold
 * @param from    the first day of the first bucket
 * @param to      the last day of the last bucket
 * @param buckets every period from {@code from} to {@code to}, in order, at least one
 * @param summary every metric over {@code buckets}
 */
public record PeriodSeries(
        Granularity granularity,
        String zone,
        LocalDate from,
        LocalDate to,
        List<PeriodBucket> buckets,
        Map<Metric, MetricSummary> summary) {

    /** @throws NullPointerException if a component is null or a list or map holds a null */
    public PeriodSeries {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        buckets = List.copyOf(buckets);
        Objects.requireNonNull(summary, "summary");
        EnumMap<Metric, MetricSummary> copy = new EnumMap<>(Metric.class);
        summary.forEach((m, s) -> copy.put(Objects.requireNonNull(m), Objects.requireNonNull(s)));
        summary = Collections.unmodifiableMap(copy);
    }
}
