package io.orderlens.examples.report;

import static io.orderlens.analytics.report.Charts.escape;

import io.orderlens.analytics.funnel.LifecycleFunnel;
import io.orderlens.analytics.funnel.StageCount;
import io.orderlens.analytics.funnel.StepDurations;
import io.orderlens.analytics.period.Change;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodSeries;
import io.orderlens.analytics.report.Charts;
import io.orderlens.examples.console.Fmt;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's cards for the monthly series (a chart of net revenue and a trend table) and the lifecycle funnel. */
final class PeriodSections {
    private PeriodSections() {}

    static String monthly(PeriodSeries s) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (PeriodBucket b : s.buckets()) {
            bars.add(new Charts.Bar(
                    b.label(),
                    b.totals().netRevenue().max(BigDecimal.ZERO),
                    HtmlReport.BLUE,
                    b.label() + ": " + Fmt.count(b.totals().orders()) + " orders, net "
                            + Fmt.money(b.totals().netRevenue())));
        }
        StringBuilder h = new StringBuilder(Charts.columns(bars, 1100, 240, 1, ""));
        h.append("<table><thead><tr><th>Month</th><th>Orders</th><th>Gross</th><th>Refunded</th><th>Net</th>")
                .append("<th>Average order</th><th>New customers</th><th>Net vs month before</th>")
                .append("<th>Net vs a year earlier</th></tr></thead><tbody>");
        for (PeriodBucket b : s.buckets()) {
            h.append("<tr><td>")
                    .append(escape(b.label()))
                    .append("</td><td>")
                    .append(Fmt.count(b.totals().orders()))
                    .append("</td><td>")
                    .append(Fmt.money(b.totals().grossRevenue()))
                    .append("</td><td>")
                    .append(Fmt.money(b.totals().refundedAmount()))
                    .append("</td><td>")
                    .append(Fmt.money(b.totals().netRevenue()))
                    .append("</td><td>")
                    .append(Fmt.money(b.totals().averageOrderValue()))
                    .append("</td><td>")
                    .append(Fmt.count(b.totals().newCustomers()))
                    .append("</td><td>")
                    .append(percent(b.change().get(Metric.NET_REVENUE)))
                    .append("</td><td>")
                    .append(percent(b.yearOverYear().get(Metric.NET_REVENUE)))
                    .append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    static String funnel(LifecycleFunnel f) {
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (StageCount s : f.stages()) {
            String name = s.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            bars.add(new Charts.Bar(
                    name,
                    BigDecimal.valueOf(s.reached()),
                    HtmlReport.GREEN,
                    name + ": " + Fmt.count(s.reached()) + " orders, " + Fmt.count(s.canceled()) + " canceled here"));
            values.add(Fmt.count(s.reached()) + (s.fromPlaced() == null ? "" : " · " + s.fromPlaced() + "%"));
        }
        StringBuilder h = new StringBuilder(Charts.rows(bars, values, 1100, 26));
        h.append("<table><thead><tr><th>Status</th><th>Reached</th><th>Of the status before</th>")
                .append("<th>Canceled at this status</th></tr></thead><tbody>");
        for (StageCount s : f.stages()) {
            h.append("<tr><td>")
                    .append(s.stage())
                    .append("</td><td>")
                    .append(Fmt.count(s.reached()))
                    .append("</td><td>")
                    .append(s.fromPrevious() == null ? "" : s.fromPrevious().toPlainString() + "%")
                    .append("</td><td>")
                    .append(Fmt.count(s.canceled()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table><table><thead><tr><th>Step</th><th>Orders</th><th>p50</th><th>p90</th>")
                .append("<th>p99</th></tr></thead><tbody>");
        for (StepDurations d : f.steps()) {
            h.append("<tr><td>")
                    .append(d.step())
                    .append("</td><td>")
                    .append(Fmt.count(d.orders()))
                    .append("</td><td>")
                    .append(duration(d.p50()))
                    .append("</td><td>")
                    .append(duration(d.p90()))
                    .append("</td><td>")
                    .append(duration(d.p99()))
                    .append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    private static String percent(Change c) {
        if (c == null || c.percent() == null) {
            return "n/a";
        }
        return (c.percent().signum() > 0 ? "+" : "") + c.percent().toPlainString() + "%";
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        return s >= 3_600
                ? String.format(Locale.ROOT, "%dh %02dm", s / 3_600, s % 3_600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }
}
