package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One category in one bucket of a {@link CategorySeries}. Immutable.
 *
 * @param label        the bucket's name ({@link Granularity#label})
 * @param start        its first day
 * @param end          its last day (inclusive)
 * @param totals       the category's figures in the bucket, zero when it sold nothing then
 * @param previous     its figures in the bucket before (also for the first bucket of a series)
 * @param yearEarlier  its figures in the same bucket a year earlier ({@link Granularity#sameBucketAYearEarlier});
 *                     {@code null} when there is none
 * @param change       every metric's change against {@code previous}
 * @param yearOverYear every metric's change against {@code yearEarlier}; empty when {@code yearEarlier} is null
 */
public record CategoryBucket(
        String label,
        LocalDate start,
        LocalDate end,
        String category,
        CategoryTotals totals,
        CategoryTotals previous,
        CategoryTotals yearEarlier,
        Map<CategoryMetric, Change> change,
        Map<CategoryMetric, Change> yearOverYear) {

    /** @throws NullPointerException if a component other than {@code yearEarlier} is null */
    public CategoryBucket {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(previous, "previous");
        change = copy(change, "change");
        yearOverYear = copy(yearOverYear, "yearOverYear");
    }

    private static Map<CategoryMetric, Change> copy(Map<CategoryMetric, Change> map, String what) {
        Objects.requireNonNull(map, what);
        EnumMap<CategoryMetric, Change> copy = new EnumMap<>(CategoryMetric.class);
        map.forEach((m, c) -> copy.put(Objects.requireNonNull(m, what), Objects.requireNonNull(c, what)));
        return Collections.unmodifiableMap(copy);
    }
}
