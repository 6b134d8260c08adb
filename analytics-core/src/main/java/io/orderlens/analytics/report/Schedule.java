package io.orderlens.analytics.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a report runs: daily, weekly or monthly at a local time of the business zone, and how a failed run is re-tried.
 *
 * <p>Every run date has exactly one run instant ({@link #runOn}): a local time that falls in a spring-forward gap runs
 * at the same offset after the gap (02:30 becomes 03:30 when clocks jump from 02:00 to 03:00), and one that occurs
 * twice on a fall-back day runs at its first occurrence. So each day, week or month runs once, DST or not.
 *
 * <p>A run covers the period before it ({@link #coverage}): a daily run the previous day, a weekly run the seven days
 * before its date, a monthly run the previous calendar month.
 *
 * @param frequency       daily, weekly or monthly
 * @param at              the local time of the run
 * @param dayOfWeek       weekly: the day of the run; null otherwise
 * @param dayOfMonth      monthly: 1..31, the last day of shorter months; 0 otherwise
 * @param maxAttempts     attempts per run, 1..10 (default 3)
 * @param firstRetryDelay delay before the second attempt (default 1 minute); doubles per attempt, at most 1 hour
 * @param startingAfter   runs at or before this instant are not due; null: the time the schedule is registered.
 *                        A host restoring its schedules after downtime passes the instant of the last completed run,
 *                        so that the runs missed since then are caught up by one run.
 */
public record Schedule(
        Frequency frequency,
        LocalTime at,
        DayOfWeek dayOfWeek,
        int dayOfMonth,
        int maxAttempts,
        Duration firstRetryDelay,
        Instant startingAfter) {

    /** How often a report runs. */
    public enum Frequency {
        DAILY,
        WEEKLY,
        MONTHLY
    }

    static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    private static final int SEARCH_DAYS = 400;

    /** @throws IllegalArgumentException if a field is missing or out of range for the frequency */
    public Schedule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
        if ((frequency == Frequency.WEEKLY) != (dayOfWeek != null)) {
            throw new IllegalArgumentException(
                    "a day of week is required for weekly schedules only, got " + frequency + " with " + dayOfWeek);
        }
        if (frequency == Frequency.MONTHLY ? dayOfMonth < 1 || dayOfMonth > 31 : dayOfMonth != 0) {
            throw new IllegalArgumentException("day of month must be 1..31 for monthly schedules and 0 otherwise, got "
                    + frequency + " with " + dayOfMonth);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, got " + maxAttempts);
        }
        if (firstRetryDelay.isNegative()
                || firstRetryDelay.isZero()
                || firstRetryDelay.compareTo(MAX_RETRY_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "firstRetryDelay must be positive and at most 1 hour, got " + firstRetryDelay);
        }
    }

    public static Schedule daily(LocalTime at) {
        return new Schedule(Frequency.DAILY, at, null, 0, 3, Duration.ofMinutes(1), null);
    }

    public static Schedule weekly(DayOfWeek day, LocalTime at) {
        return new Schedule(
                Frequency.WEEKLY, at, Objects.requireNonNull(day, "day"), 0, 3, Duration.ofMinutes(1), null);
    }

    /** @param dayOfMonth 1..31; in months without that day the run is on the last day */
    public static Schedule monthly(int dayOfMonth, LocalTime at) {
        return new Schedule(Frequency.MONTHLY, at, null, dayOfMonth, 3, Duration.ofMinutes(1), null);
    }

    /** This schedule with {@code maxAttempts} attempts per run, the second after {@code firstDelay}. */
    public Schedule withRetries(int maxAttempts, Duration firstDelay) {
        return new Schedule(frequency, at, dayOfWeek, dayOfMonth, maxAttempts, firstDelay, startingAfter);
    }

    /** This schedule with runs due only after {@code instant} (see the record's description). */
    public Schedule startingAfter(Instant instant) {
        return new Schedule(
                frequency, at, dayOfWeek, dayOfMonth, maxAttempts, firstRetryDelay, Objects.requireNonNull(instant));
    }

    /** The run instant on {@code date}, or null if no run falls on that date. */
    public Instant runOn(LocalDate date, ZoneId zone) {
        boolean runs = switch (frequency) {
            case DAILY -> true;
            case WEEKLY -> date.getDayOfWeek() == dayOfWeek;
            case MONTHLY -> date.getDayOfMonth() == Math.min(dayOfMonth, date.lengthOfMonth());
        };
        // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap
        return runs ? ZonedDateTime.of(date, at, zone).toInstant() : null;
    }

    /** The first run instant strictly after {@code after}. */
    public Instant next(Instant after, ZoneId zone) {
        LocalDate d = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, d = d.plusDays(1)) {
            Instant run = runOn(d, zone);
            if (run != null && run.isAfter(after)) {
                return run;
            }
        }
        throw new IllegalStateException("no run within " + SEARCH_DAYS + " days of " + after);
    }

    /** The latest run instant at or before {@code atOrBefore}. */
    public Instant latest(Instant atOrBefore, ZoneId zone) {
        LocalDate d = atOrBefore.atZone(zone).toLocalDate().plusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, d = d.minusDays(1)) {
            Instant run = runOn(d, zone);
            if (run != null && !run.isAfter(atOrBefore)) {
                return run;
            }
        }
        throw new IllegalStateException("no run within " + SEARCH_DAYS + " days before " + atOrBefore);
    }

    /** The days the run at {@code run} covers: the period before the run's local date. */
    public ReportRange coverage(Instant run, ZoneId zone) {
        LocalDate date = run.atZone(zone).toLocalDate();
        return switch (frequency) {
            case DAILY -> ReportRange.day(date.minusDays(1));
            case WEEKLY -> ReportRange.of(date.minusDays(7), date.minusDays(1));
            case MONTHLY -> ReportRange.month(YearMonth.from(date).minusMonths(1));
        };
    }

    /** The delay before attempt {@code attempt} (2 or more): the first delay doubled per attempt, at most 1 hour. */
    public Duration retryDelay(int attempt) {
        Duration d = firstRetryDelay;
        for (int i = 2; i < attempt && d.compareTo(MAX_RETRY_DELAY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : d;
    }
}
