package io.orderlens.analytics.report;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * One scheduled run handed to a {@link ReportSink}: the report, the range it covers and when it was scheduled. The
 * sink streams it with {@link #writeTo} into wherever it keeps reports. Not thread-safe; valid during the sink call.
 */
public final class ReportDelivery {
    private final Report<?> report;
    private final ReportRange range;
    private final Instant scheduledFor;
    private long rows;

    private ReportDelivery(Report<?> report, ReportRange range, Instant scheduledFor) {
        this.report = Objects.requireNonNull(report, "report");
        this.range = Objects.requireNonNull(range, "range");
        this.scheduledFor = Objects.requireNonNull(scheduledFor, "scheduledFor");
    }

    /**
     * A run of {@code report} over {@code range} scheduled for {@code scheduledFor}: what the instance's scheduler
     * hands a sink, and what a host that drives a {@link ReportSink} itself (or tests one) hands it.
     *
     * @throws NullPointerException if an argument is null
     */
    public static ReportDelivery of(Report<?> report, ReportRange range, Instant scheduledFor) {
        return new ReportDelivery(report, range, scheduledFor);
    }

    public Report<?> report() {
        return report;
    }

    public ReportRange range() {
        return range;
    }

    public Instant scheduledFor() {
        return scheduledFor;
    }

    /**
     * Writes the report for {@link #range()} to {@code out} (not closed).
     *
     * @return rows written
     * @throws ReportException if the report or the output fails
     */
    public long writeTo(ReportFormat format, OutputStream out) {
        long n = report.write(range, format, out);
        rows += n;
        return n;
    }

    /** Rows written by {@link #writeTo} so far: what the execution history records. */
    public long rows() {
        return rows;
    }

    /** {@code <report>-<from>[_<to>].<ext>}, e.g. {@code monthly-revenue-2026-11-01_2026-11-30.csv}. */
    public String fileName(ReportFormat format) {
        return report.name() + "-" + range.label() + "." + format.extension();
    }
}
