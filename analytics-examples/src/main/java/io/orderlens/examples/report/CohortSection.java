package io.orderlens.examples.report;

import static io.orderlens.analytics.report.Charts.escape;

import io.orderlens.analytics.cohort.Cohort;
import io.orderlens.analytics.cohort.CohortCell;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.examples.console.Fmt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The report's cohort heat map: one row per acquisition cohort, one cell per period since, shaded by retention. */
final class CohortSection {
    private CohortSection() {}

    static String title(CohortTable t) {
        return "Cohort retention by " + t.period().name().toLowerCase(Locale.ROOT);
    }

    static String caption(CohortTable t) {
        return "Customers by the " + t.period().name().toLowerCase(Locale.ROOT) + " of their first counted order;"
                + " each cell is the share of the cohort with a counted order that many periods later (darker is"
                + " more), with the cohort's net revenue in that period on hover.";
    }

    static String body(CohortTable t) {
        int width = 0;
        for (Cohort c : t.cohorts()) {
            width = Math.max(width, c.cells().size());
        }
        StringBuilder s = new StringBuilder("<table class=\"heat\"><thead><tr><th>Cohort</th><th>Customers</th>");
        for (int k = 0; k < width; k++) {
            s.append("<th>+").append(k).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (Cohort c : t.cohorts()) {
            s.append("<tr><td>")
                    .append(escape(c.label()))
                    .append("</td><td>")
                    .append(Fmt.count(c.size()))
                    .append("</td>");
            for (CohortCell cell : c.cells()) {
                double share = cell.retention().doubleValue();
                s.append("<td style=\"background:rgba(37,99,235,")
                        .append(String.format(Locale.ROOT, "%.3f", share))
                        .append(");color:")
                        .append(share > 0.5 ? "#fff" : "#111")
                        .append("\" title=\"")
                        .append(escape(Fmt.count(cell.activeCustomers()) + " customers, net revenue "
                                + Fmt.money(cell.netRevenue().setScale(2, RoundingMode.HALF_EVEN))))
                        .append("\">")
                        .append(percent(cell.retention()))
                        .append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN) + "%";
    }
}
