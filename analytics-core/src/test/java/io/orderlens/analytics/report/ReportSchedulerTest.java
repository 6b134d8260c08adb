package io.orderlens.analytics.report;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Scheduled reports on an injected clock: DST days, downtime, retries, sinks, history")
class ReportSchedulerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-27T12:00:00Z"));
    final Analytics a = Analytics.builder().zone(BERLIN).clock(clock).build();
    final Reports reports = a.reports();
    final List<ReportDelivery> delivered = new ArrayList<>();
    final ReportSink collect = d -> {
        d.writeTo(ReportFormat.CSV, new ByteArrayOutputStream());
        delivered.add(d);
    };

    @AfterEach
    void close() {
        a.close();
    }

    /** Moves the clock to {@code end} in steps, checking for due runs after each, as the scheduler thread does. */
    int tickUntil(Instant end, Duration step) {
        int attempts = 0;
        while (clock.instant().isBefore(end)) {
            clock.advance(step);
            attempts += reports.runDue();
        }
        return attempts;
    }

    @Test
    void aDaily0230RunRunsOnceOnEachDayAcrossSpringForward() {
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.of(2, 30)), collect);
        assertThat(s.nextRun()).isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
        int attempts = tickUntil(Instant.parse("2026-03-31T12:00:00Z"), Duration.ofMinutes(5));
        assertThat(attempts).isEqualTo(4);
        assertThat(s.history())
                .extracting(ReportExecution::scheduledFor)
                .containsExactly(
                        Instant.parse("2026-03-28T01:30:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z"),
                        Instant.parse("2026-03-30T00:30:00Z"),
                        Instant.parse("2026-03-31T00:30:00Z"));
        assertThat(s.history()).allMatch(e -> e.status() == ExecutionStatus.COMPLETED && e.missedRuns() == 0);
        assertThat(delivered)
                .extracting(d -> d.range().from())
                .containsExactly(
                        LocalDate.of(2026, 3, 27),
                        LocalDate.of(2026, 3, 28),
                        LocalDate.of(2026, 3, 29),
                        LocalDate.of(2026, 3, 30));
    }

    @Test
    void aDaily0230RunRunsOnceOnTheFallBackDay() {
        clock.set(Instant.parse("2026-10-24T12:00:00Z"));
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.of(2, 30)), collect);
        tickUntil(Instant.parse("2026-10-26T12:00:00Z"), Duration.ofMinutes(5));
        assertThat(s.history())
                .extracting(ReportExecution::scheduledFor)
                .containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void afterDowntimeTheMissedRunsAreMadeOnceForTheLatestPeriod() {
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.of(2, 30)), collect);
        clock.set(Instant.parse("2026-04-06T09:00:00Z")); // ten run instants passed while nothing ran
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(reports.runDue()).isZero();
        assertThat(s.history()).hasSize(1);
        ReportExecution e = s.history().get(0);
        assertThat(e.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(e.scheduledFor()).isEqualTo(Instant.parse("2026-04-06T00:30:00Z"));
        assertThat(e.range()).isEqualTo(ReportRange.day(LocalDate.of(2026, 4, 5)));
        assertThat(e.missedRuns()).isEqualTo(9);
        assertThat(s.nextRun()).isEqualTo(Instant.parse("2026-04-07T00:30:00Z"));
    }

    @Test
    void aScheduleRestoredAfterARestartCatchesUpOnceFromItsLastRun() {
        Schedule restored =
                Schedule.monthly(1, LocalTime.of(6, 0)).startingAfter(Instant.parse("2026-01-01T05:00:00Z"));
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), restored, collect);
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(s.history().get(0).range())
                .isEqualTo(ReportRange.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(s.history().get(0).missedRuns()).isEqualTo(1);
    }

    @Test
    void aFailedRunIsRetriedWithBackOffAndTheHistoryShowsEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        ReportSink flaky = d -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("share unavailable");
            }
            collect.deliver(d);
        };
        Schedule s0 = Schedule.daily(LocalTime.of(2, 30)).withRetries(3, Duration.ofMinutes(10));
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), s0, flaky);
        clock.set(Instant.parse("2026-03-28T01:30:00Z"));
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(s.history())
                .extracting(ReportExecution::attempt, ReportExecution::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, ExecutionStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple(2, ExecutionStatus.PENDING));
        assertThat(s.history().get(0).error()).isEqualTo("java.io.IOException: share unavailable");
        assertThat(s.nextRun()).isEqualTo(Instant.parse("2026-03-28T01:40:00Z"));
        clock.advance(Duration.ofMinutes(9));
        assertThat(reports.runDue()).as("not yet due").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(s.nextRun()).as("second delay is doubled").isEqualTo(Instant.parse("2026-03-28T02:00:00Z"));
        clock.advance(Duration.ofMinutes(20));
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(s.history())
                .extracting(ReportExecution::attempt, ReportExecution::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, ExecutionStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple(2, ExecutionStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple(3, ExecutionStatus.COMPLETED));
        ReportExecution done = s.history().get(2);
        assertThat(done.rows()).isEqualTo(1);
        assertThat(done.duration()).isNotNull();
        assertThat(done.startedAt()).isEqualTo(Instant.parse("2026-03-28T02:00:00Z"));
        assertThat(done.scheduledFor()).isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
    }

    @Test
    void aRunThatFailsEveryAttemptStaysFailedAndTheNextPeriodRunsAsUsual() {
        AtomicInteger calls = new AtomicInteger();
        ReportSink broken = d -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no disk");
        };
        ScheduledReport s = reports.schedule(
                reports.monthlyRevenue(),
                Schedule.daily(LocalTime.of(2, 30)).withRetries(2, Duration.ofMinutes(1)),
                broken);
        tickUntil(Instant.parse("2026-03-29T12:00:00Z"), Duration.ofMinutes(1));
        assertThat(calls).hasValue(4);
        assertThat(s.history())
                .extracting(ReportExecution::status)
                .containsOnly(ExecutionStatus.FAILED)
                .hasSize(4);
    }

    @Test
    void aRetryStillPendingWhenTheNextRunIsDueIsSupersededByIt() {
        ReportSink broken = d -> {
            throw new IOException("down");
        };
        ScheduledReport s = reports.schedule(
                reports.monthlyRevenue(),
                Schedule.daily(LocalTime.of(2, 30)).withRetries(3, Duration.ofHours(1)),
                broken);
        clock.set(Instant.parse("2026-03-28T01:30:00Z"));
        reports.runDue();
        clock.set(Instant.parse("2026-03-29T01:30:00Z")); // the retry (due 02:30Z on the 28th) never ran
        reports.runDue();
        List<ReportExecution> h = s.history();
        assertThat(h.get(1).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.get(1).error()).startsWith("superseded by the run of 2026-03-29T01:30:00Z");
        assertThat(h.get(2).scheduledFor()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aDirectorySinkWritesDatedFilesAtomicallyAndParseableBack(@TempDir Path dir) throws IOException {
        a.record(OrderEvent.placed(
                order("o-1", "c-1", Instant.parse("2026-03-27T15:00:00Z"), "DE", line("tea", "drinks", 2, "1.5"))));
        a.record(OrderEvent.delivered("o-1", Instant.parse("2026-03-27T16:00:00Z")));
        Path out = dir.resolve("reports");
        reports.schedule(
                reports.financialReconciliation(),
                Schedule.daily(LocalTime.of(2, 30)),
                ReportSink.directory(out, ReportFormat.CSV));
        tickUntil(Instant.parse("2026-03-29T12:00:00Z"), Duration.ofMinutes(30));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "financial-reconciliation-2026-03-27.csv", "financial-reconciliation-2026-03-28.csv");
        }
        try (Reader r = Files.newBufferedReader(out.resolve("financial-reconciliation-2026-03-27.csv"));
                CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180)) {
            List<CSVRecord> records = p.getRecords();
            assertThat(records.get(1).values())
                    .containsExactly("2026-03-27", "1", "3.00", "0", "0.00", "3.00", "0", "true");
            assertThat(records.get(3).get(0)).isEqualTo("ledger");
        }
    }

    @Test
    void aFailedDirectoryAttemptLeavesNoFileBehind(@TempDir Path dir) throws IOException {
        Report<String> failing = Report.<String>builder("failing")
                .column(Column.text("t", x -> x))
                .rows((range, row) -> {
                    row.accept("half");
                    throw new IllegalStateException("source broke");
                })
                .build();
        ScheduledReport s = reports.schedule(
                failing,
                Schedule.daily(LocalTime.of(2, 30)).withRetries(1, Duration.ofMinutes(1)),
                ReportSink.directory(dir, ReportFormat.CSV));
        clock.set(Instant.parse("2026-03-28T02:00:00Z"));
        reports.runDue();
        assertThat(s.history().get(0).error()).isEqualTo("java.lang.IllegalStateException: source broke");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theHistoryKeepsTheLatestHundredAttempts() {
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.of(2, 30)), collect);
        for (int day = 0; day < 120; day++) {
            clock.advance(Duration.ofDays(1));
            reports.runDue();
        }
        List<ReportExecution> h = s.history();
        assertThat(h).hasSize(ScheduledReport.HISTORY_LIMIT);
        assertThat(h.get(h.size() - 1).scheduledFor()).isEqualTo(Instant.parse("2026-07-25T00:30:00Z"));
        assertThat(h.get(0).scheduledFor()).isEqualTo(Instant.parse("2026-04-17T00:30:00Z"));
    }

    @Test
    void aCancelledScheduleNoLongerRunsAndCloseStopsTheScheduler() {
        ScheduledReport s = reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.of(2, 30)), collect);
        ScheduledReport other =
                reports.schedule(reports.productPerformance(), Schedule.daily(LocalTime.of(2, 30)), collect);
        s.cancel();
        assertThat(s.isCancelled()).isTrue();
        assertThat(s.nextRun()).isNull();
        assertThat(reports.scheduled()).containsExactly(other);
        clock.advance(Duration.ofDays(1));
        assertThat(reports.runDue()).isEqualTo(1);
        assertThat(s.history()).isEmpty();
        a.close();
        assertThat(other.isCancelled()).isTrue();
        assertThatThrownBy(() -> reports.schedule(reports.monthlyRevenue(), Schedule.daily(LocalTime.NOON), collect))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostsOwnSchedulerCallsTheSameReportFunction() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = reports.monthlyRevenue().writeCsv(ReportRange.day(LocalDate.of(2026, 3, 27)), out);
        assertThat(rows).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("month,from,to,orders,gross");
    }
}
