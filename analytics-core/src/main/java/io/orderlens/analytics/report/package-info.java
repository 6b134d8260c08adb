/**
 * Reports: a {@link io.orderlens.analytics.report.Report} is a named table (typed columns over a row source) that
 * streams as RFC 4180 CSV or as a self-contained HTML page with a chart; {@link io.orderlens.analytics.report.Reports}
 * (from {@code Analytics.reports()}) holds the built-in reports and runs reports on a
 * {@link io.orderlens.analytics.report.Schedule} into a {@link io.orderlens.analytics.report.ReportSink}, keeping an
 * execution history. Value types here are immutable and thread-safe; a {@code Report} is as thread-safe as its row
 * source (the built-in ones are).
 */
package io.orderlens.analytics.report;
