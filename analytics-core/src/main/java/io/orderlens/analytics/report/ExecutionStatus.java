package io.orderlens.analytics.report;

/** The state of one attempt of a scheduled run. */
public enum ExecutionStatus {
    /** Waiting for its time (a re-try after a failed attempt). */
    PENDING,
    RUNNING,
    COMPLETED,
    /** Failed with {@link ReportExecution#error()}; re-tried if attempts are left. */
    FAILED
}
