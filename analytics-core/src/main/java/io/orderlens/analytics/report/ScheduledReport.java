package io.orderlens.analytics.report;

import java.time.Instant;
import java.util.List;

/** A report registered on a schedule of an {@code Analytics} instance. Thread-safe. */
public interface ScheduledReport {
    Report<?> report();

    Schedule schedule();

    /** The next time something is due (a run or a re-try); null once cancelled. */
    Instant nextRun();

    /**
     * The latest attempts, oldest first: at most {@link #HISTORY_LIMIT}, older ones dropped. An unmodifiable
     * snapshot.
     */
    List<ReportExecution> history();

    /** Stops future runs; a run in progress finishes. Idempotent. */
    void cancel();

    boolean isCancelled();

    /** Attempts kept in {@link #history()}. */
    int HISTORY_LIMIT = 100;
}
