package io.orderlens.analytics.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of business-zone days a report covers. Reports over all-time counters (product performance,
 * the customer list) ignore it.
 *
 * @throws IllegalArgumentException if a date is null or {@code from} is after {@code to}
 */
public record ReportRange(LocalDate from, LocalDate to) {

    public ReportRange {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to must not be null, got " + from + ".." + to);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to, got " + from + " > " + to);
        }
    }

    public static ReportRange of(LocalDate from, LocalDate to) {
        return new ReportRange(from, to);
    }

    public static ReportRange day(LocalDate day) {
        return new ReportRange(day, day);
    }

    public static ReportRange month(YearMonth month) {
        return new ReportRange(month.atDay(1), month.atEndOfMonth());
    }

    /** Number of days in the range. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** {@code from} for a single day, else {@code from_to}: the date part of a dated file name. */
    public String label() {
        return from.equals(to) ? from.toString() : from + "_" + to;
    }
}
