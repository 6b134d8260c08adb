package io.orderlens.examples.console;

import io.orderlens.analytics.funnel.LifecycleFunnel;
import io.orderlens.analytics.funnel.StageCount;
import io.orderlens.analytics.funnel.StepDurations;
import io.orderlens.analytics.period.Change;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.MetricSummary;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodSeries;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints a monthly trend table (orders, gross, refunds, net, new customers, change of net revenue against the month
 * before and the same month a year earlier, with the range's summary) and the lifecycle funnel to a text console.
 */
public final class MonthlyTrendTable {
    private final PrintStream out;

    public MonthlyTrendTable(PrintStream out) {
        this.out = out;
    }

    /** One row per month of {@code s}, then the range's net revenue summary. */
    public void print(PeriodSeries s) {
        heading("Monthly trend (" + s.from() + " to " + s.to() + ", " + s.zone() + ")");
        out.printf(
                Locale.ROOT,
                "%-8s %8s %15s %13s %15s %7s %9s %9s%n",
                "month",
                "orders",
                "gross",
                "refunded",
                "net",
                "new cu",
                "net m/m",
                "net y/y");
        for (PeriodBucket b : s.buckets()) {
            out.printf(
                    Locale.ROOT,
                    "%-8s %8s %15s %13s %15s %7s %9s %9s%n",
                    b.label(),
                    Fmt.count(b.totals().orders()),
                    Fmt.money(b.totals().grossRevenue()),
                    Fmt.money(b.totals().refundedAmount()),
                    Fmt.money(b.totals().netRevenue()),
                    Fmt.count(b.totals().newCustomers()),
                    percent(b.change().get(Metric.NET_REVENUE)),
                    percent(b.yearOverYear().get(Metric.NET_REVENUE)));
        }
        MetricSummary net = s.summary().get(Metric.NET_REVENUE);
        out.printf(
                Locale.ROOT,
                "net revenue: total %s, mean %s per month, lowest %s (%s), highest %s (%s)%n",
                Fmt.money(net.sum()),
                Fmt.money(net.mean()),
                Fmt.money(net.min()),
                net.minBucket(),
                Fmt.money(net.max()),
                net.maxBucket());
    }

    /** The stages with conversion and cancellations, then the step times. */
    public void print(LifecycleFunnel f) {
        heading("Order lifecycle (orders placed " + f.from() + " to " + f.to() + ")");
        out.printf(Locale.ROOT, "%-17s %9s %10s %10s %9s%n", "status", "reached", "of prev", "of placed", "canceled");
        for (StageCount s : f.stages()) {
            out.printf(
                    Locale.ROOT,
                    "%-17s %9s %10s %10s %9s%n",
                    s.stage(),
                    Fmt.count(s.reached()),
                    s.fromPrevious() == null ? "" : s.fromPrevious().toPlainString() + "%",
                    s.fromPlaced() == null ? "" : s.fromPlaced().toPlainString() + "%",
                    Fmt.count(s.canceled()));
        }
        out.printf(Locale.ROOT, "%-30s %9s %9s %9s %9s%n", "step", "orders", "p50", "p90", "p99");
        for (StepDurations d : f.steps()) {
            out.printf(
                    Locale.ROOT,
                    "%-30s %9s %9s %9s %9s%n",
                    d.step(),
                    Fmt.count(d.orders()),
                    duration(d.p50()),
                    duration(d.p90()),
                    duration(d.p99()));
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
    }

    /** {@code +12.50%}, {@code -3.00%}; {@code n/a} where the base was zero or there is none. */
    static String percent(Change c) {
        if (c == null || c.percent() == null) {
            return "n/a";
        }
        BigDecimal p = c.percent();
        return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
    }

    /** {@code 1h05m}, {@code 12m30s}, {@code 45s}; empty without a value. */
    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        if (s >= 3_600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
