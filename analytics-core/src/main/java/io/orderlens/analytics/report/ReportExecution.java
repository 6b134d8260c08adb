package io.orderlens.analytics.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of a scheduled run, as kept in the execution history.
 *
 * @param scheduledFor the run instant of the schedule this attempt belongs to
 * @param dueAt        when the attempt was (or is) due: the run instant, or later for a re-try
 * @param attempt      1 for the first attempt
 * @param startedAt    null while pending
 * @param duration     null until finished
 * @param rows         rows the sink wrote; 0 until completed
 * @param error        the failure, as {@code ExceptionClass: message}; null unless failed
 * @param missedRuns   earlier run instants that fell due while no run happened (downtime) and that this run stands
 *                     for: they are not run separately
 */
public record ReportExecution(
        String report,
        ReportRange range,
        Instant scheduledFor,
        Instant dueAt,
        int attempt,
        ExecutionStatus status,
        Instant startedAt,
        Duration duration,
        long rows,
        String error,
        long missedRuns) {

    public ReportExecution {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
    }
}
