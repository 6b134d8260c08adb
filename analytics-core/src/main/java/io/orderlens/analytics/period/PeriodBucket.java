package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One bucket of a {@link PeriodSeries}: a whole calendar period of business-zone days. Immutable.
 *
 * @param label       the bucket's name ({@link Granularity#label}), unique within its series
 * @param start       its first day
 * @param end         its last day (inclusive)
 * @param totals      its figures, zero when nothing happened
 * @param previous    the figures of the bucket before it (also for the first bucket of a series)
 * @param yearEarlier the figures of the same bucket a year earlier ({@link Granularity#sameBucketAYearEarlier});
 *                    {@code null} when there is none (29 February, ISO week 53 after a 52-week year)
 * @param change      every metric's change against {@code previous}
 * @param yearOverYear every metric's change against {@code yearEarlier}; empty when {@code yearEarlier} is null
 */
public record PeriodBucket(
        String label,
        LocalDate start,
        LocalDate end,
        PeriodTotals totals,
        PeriodTotals previous,
        PeriodTotals yearEarlier,
        Map<Metric, Change> change,
        Map<Metric, Change> yearOverYear) {

    /** @throws NullPointerException if a component other than {@code yearEarlier} is null */
    public PeriodBucket {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(previous, "previous");
        change = copy(change, "change");
        yearOverYear = copy(yearOverYear, "yearOverYear");
    }

    private static Map<Metric, Change> copy(Map<Metric, Change> map, String what) {
        Objects.requireNonNull(map, what);
        EnumMap<Metric, Change> copy = new EnumMap<>(Metric.class);
        map.forEach((m, c) -> copy.put(Objects.requireNonNull(m, what), Objects.requireNonNull(c, what)));
        return Collections.unmodifiableMap(copy);
    }
}
