package io.orderlens.examples.report;

import static io.orderlens.analytics.report.Charts.escape;

import io.orderlens.analytics.segment.RfmCell;
import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.analytics.segment.SegmentSize;
import io.orderlens.examples.console.Fmt;
import java.math.BigDecimal;
import java.util.Locale;

/** The report's RFM card: the recency × frequency grid shaded by customers, and the named segments' sizes. */
final class RfmSection {
    private RfmSection() {}

    static String title() {
        return "RFM grid";
    }

    static String caption(RfmSummary r) {
        return "Customers with a counted order by recency score (rows, 5 = most recent) and frequency score (columns,"
                + " 5 = most orders), as of " + r.asOf() + ", "
                + r.scoring().name().toLowerCase(Locale.ROOT)
                + " scoring; then the named segments from the three scores.";
    }

    static String body(RfmSummary r) {
        long max = 1;
        for (RfmCell c : r.cells()) {
            max = Math.max(max, c.customers());
        }
        StringBuilder s = new StringBuilder("<table class=\"rfm\"><thead><tr><th>R \\ F</th>");
        for (int f = 1; f <= 5; f++) {
            s.append("<th>").append(f).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        int column = 0;
        for (RfmCell c : r.cells()) {
            if (column == 0) {
                s.append("<tr><th>").append(c.recency()).append("</th>");
            }
            double alpha = 0.08 + 0.8 * c.customers() / max;
            s.append("<td style=\"background:rgba(37,99,235,")
                    .append(String.format(Locale.ROOT, "%.2f", alpha))
                    .append(")\" title=\"net spend ")
                    .append(escape(Fmt.money(c.netSpend())))
                    .append("\">")
                    .append(Fmt.count(c.customers()))
                    .append("</td>");
            if (++column == 5) {
                s.append("</tr>");
                column = 0;
            }
        }
        s.append("</tbody></table>");
        s.append("<table><thead><tr><th>Segment</th><th>Customers</th><th>Share</th><th>Net spend</th></tr></thead>")
                .append("<tbody>");
        for (SegmentSize z : r.segments()) {
            s.append("<tr><td>")
                    .append(escape(z.segment()))
                    .append("</td><td>")
                    .append(Fmt.count(z.customers()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", z.share().multiply(BigDecimal.valueOf(100))))
                    .append("</td><td>")
                    .append(escape(Fmt.money(z.netSpend())))
                    .append("</td></tr>");
        }
        s.append("</tbody></table>");
        return s.toString();
    }
}
