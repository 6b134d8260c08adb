package io.orderlens.analytics.period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * The length of a series bucket, as calendar periods of business-zone days. Weeks are ISO weeks: they start on
 * Monday, and a week that crosses a year boundary belongs to the week-based year of its Thursday (2020-12-28 ..
 * 2021-01-03 is {@code 2020-W53}; 2024-12-30 .. 2025-01-05 is {@code 2025-W01}). Quarters start in January, April,
 * July and October. Pure functions of their arguments; thread-safe.
 */
public enum Granularity {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    /** The first day of the bucket that holds {@code day}. */
    public LocalDate startOf(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the bucket after the one that holds {@code day}. */
    public LocalDate nextStart(LocalDate day) {
        LocalDate start = startOf(day);
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The first day of the bucket before the one that holds {@code day}. */
    public LocalDate previousStart(LocalDate day) {
        LocalDate start = startOf(day);
        return switch (this) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
            case YEAR -> start.minusYears(1);
        };
    }

    /**
     * The first day of the same bucket one year earlier: the same date (none for 29 February), the ISO week of the
     * same number in the previous week-based year (none for week 53 when that year has 52 weeks), the same month,
     * quarter, or the previous year.
     */
    public Optional<LocalDate> sameBucketAYearEarlier(LocalDate day) {
        LocalDate start = startOf(day);
        return switch (this) {
            case DAY ->
                start.getMonthValue() == 2 && start.getDayOfMonth() == 29
                        ? Optional.empty()
                        : Optional.of(start.minusYears(1));
            case WEEK -> {
                long week = start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                int weekYear = start.get(IsoFields.WEEK_BASED_YEAR);
                LocalDate firstWeek =
                        LocalDate.of(weekYear - 1, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate candidate = firstWeek.plusWeeks(week - 1);
                yield candidate.get(IsoFields.WEEK_BASED_YEAR) == weekYear - 1
                        ? Optional.of(candidate)
                        : Optional.empty();
            }
            case MONTH, QUARTER, YEAR -> Optional.of(start.minusYears(1));
        };
    }

    /**
     * The bucket's name: {@code 2024-03-05} (day), {@code 2024-W09} (ISO week, with its week-based year),
     * {@code 2024-03} (month), {@code 2024-Q1} (quarter), {@code 2024} (year). Names of one granularity sort as their
     * buckets do (years 1000..9999).
     */
    public String label(LocalDate day) {
        LocalDate start = startOf(day);
        return switch (this) {
            case DAY -> start.toString();
            case WEEK ->
                String.format(
                        "%04d-W%02d",
                        start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> String.format("%04d-Q%d", start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR));
            case YEAR -> String.format("%04d", start.getYear());
        };
    }
}
