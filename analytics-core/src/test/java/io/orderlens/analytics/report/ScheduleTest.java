package io.orderlens.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schedule: one run per period at a local time, DST-correct")
class ScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Schedule AT_0230 = Schedule.daily(LocalTime.of(2, 30));

    static List<Instant> runsBetween(Schedule s, Instant from, Instant to, ZoneId zone) {
        List<Instant> runs = new ArrayList<>();
        for (Instant t = s.next(from, zone); t.isBefore(to); t = s.next(t, zone)) {
            runs.add(t);
        }
        return runs;
    }

    @Test
    void a0230RunOnTheSpringForwardDayRunsOnceRightAfterTheGap() {
        // 2026-03-29: Berlin jumps from 02:00 CET to 03:00 CEST, so 02:30 does not exist that day
        assertThat(AT_0230.runOn(LocalDate.of(2026, 3, 29), BERLIN)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        List<Instant> runs = runsBetween(
                AT_0230, Instant.parse("2026-03-27T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z"), BERLIN);
        assertThat(runs)
                .containsExactly(
                        Instant.parse("2026-03-28T01:30:00Z"), // 02:30 CET
                        Instant.parse("2026-03-29T01:30:00Z"), // 03:30 CEST, after the gap
                        Instant.parse("2026-03-30T00:30:00Z")); // 02:30 CEST
    }

    @Test
    void a0230RunOnTheFallBackDayRunsOnceAtItsFirstOccurrence() {
        // 2026-10-25: Berlin goes back from 03:00 CEST to 02:00 CET, so 02:30 happens twice
        List<Instant> runs = runsBetween(
                AT_0230, Instant.parse("2026-10-23T12:00:00Z"), Instant.parse("2026-10-26T12:00:00Z"), BERLIN);
        assertThat(runs)
                .containsExactly(
                        Instant.parse("2026-10-24T00:30:00Z"),
                        Instant.parse("2026-10-25T00:30:00Z"), // the first 02:30 (CEST); not again at 01:30Z
                        Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void latestIsTheLastRunAtOrBeforeAnInstant() {
        Instant run = Instant.parse("2026-10-25T00:30:00Z");
        assertThat(AT_0230.latest(run, BERLIN)).isEqualTo(run);
        assertThat(AT_0230.latest(Instant.parse("2026-10-25T01:45:00Z"), BERLIN))
                .isEqualTo(run);
        assertThat(AT_0230.latest(run.minusSeconds(1), BERLIN)).isEqualTo(Instant.parse("2026-10-24T00:30:00Z"));
    }

    @Test
    void weeklyRunsOnItsDayAndCoversTheSevenDaysBefore() {
        Schedule mondays = Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0));
        Instant run = mondays.next(Instant.parse("2026-12-30T00:00:00Z"), BERLIN);
        assertThat(run).isEqualTo(Instant.parse("2027-01-04T05:00:00Z"));
        assertThat(mondays.coverage(run, BERLIN))
                .isEqualTo(ReportRange.of(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)));
    }

    @Test
    void monthlyOnThe31stRunsOnTheLastDayOfShorterMonthsAndCoversThePreviousMonth() {
        Schedule endOfMonth = Schedule.monthly(31, LocalTime.of(23, 0));
        List<Instant> runs = runsBetween(
                endOfMonth, Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-05-01T00:00:00Z"), BERLIN);
        assertThat(runs)
                .extracting(t -> t.atZone(BERLIN).toLocalDate())
                .containsExactly(
                        LocalDate.of(2027, 1, 31),
                        LocalDate.of(2027, 2, 28),
                        LocalDate.of(2027, 3, 31),
                        LocalDate.of(2027, 4, 30));
        assertThat(Schedule.monthly(1, LocalTime.of(4, 0)).coverage(Instant.parse("2027-03-01T03:00:00Z"), BERLIN))
                .isEqualTo(ReportRange.of(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 28)));
    }

    @Test
    void aDailyRunCoversTheBusinessDayBeforeItsLocalDate() {
        // 23:30 UTC on Jan 4 is already Jan 5 in Berlin
        assertThat(Schedule.daily(LocalTime.of(0, 30)).coverage(Instant.parse("2027-01-04T23:30:00Z"), BERLIN))
                .isEqualTo(ReportRange.day(LocalDate.of(2027, 1, 4)));
    }

    @Test
    void retryDelaysDoubleUpToAnHour() {
        Schedule s = AT_0230.withRetries(10, Duration.ofMinutes(5));
        assertThat(List.of(s.retryDelay(2), s.retryDelay(3), s.retryDelay(4), s.retryDelay(5), s.retryDelay(9)))
                .containsExactly(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(40),
                        Duration.ofHours(1));
    }

    @Test
    void badSchedulesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Schedule.monthly(0, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("day of month must be 1..31");
        assertThatThrownBy(() -> Schedule.monthly(32, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(
                        Schedule.Frequency.DAILY, LocalTime.NOON, DayOfWeek.MONDAY, 0, 3, Duration.ofMinutes(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weekly schedules only");
        assertThatThrownBy(() -> AT_0230.withRetries(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts must be 1..10, got 0");
        assertThatThrownBy(() -> AT_0230.withRetries(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AT_0230.withRetries(3, Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
