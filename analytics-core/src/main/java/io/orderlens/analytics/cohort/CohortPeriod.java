package io.orderlens.analytics.cohort;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The period cohorts are bucketed by, applied to business-zone days. A period is identified by its first day.
 */
public enum CohortPeriod {
    /** Calendar month; labelled {@code 2011-01}. */
    MONTH,
    /**
     * ISO-8601 week, Monday to Sunday; labelled by its week-based year and number, {@code 2020-W53}, so the days of
     * 2021-01-01..03 belong to {@code 2020-W53} and 2024-12-30 to {@code 2025-W01}.
     */
    WEEK;

    /** The first day of the period {@code day} is in. */
    public LocalDate startOf(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return this == MONTH ? day.withDayOfMonth(1) : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The first day of the period {@code periods} after the one starting at {@code start} (negative: before). */
    public LocalDate plus(LocalDate start, long periods) {
        return this == MONTH
                ? startOf(start).plusMonths(periods)
                : startOf(start).plusWeeks(periods);
    }

    /** Whole periods from the period of {@code from} to the period of {@code to} (negative if {@code to} is earlier). */
    public long between(LocalDate from, LocalDate to) {
        return this == MONTH
                ? ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(to))
                : ChronoUnit.WEEKS.between(startOf(from), startOf(to));
    }

    /** The label of the period {@code day} is in: {@code 2011-01} or {@code 2020-W53}. */
    public String label(LocalDate day) {
        if (this == MONTH) {
            return YearMonth.from(day).toString();
        }
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + (week < 10 ? "0" + week : String.valueOf(week));
    }
}
