package io.orderlens.examples.report;

import static io.orderlens.analytics.report.Charts.escape;

import io.orderlens.analytics.experiment.Comparison;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.experiment.SampleRatioCheck;
import io.orderlens.analytics.experiment.VariationResult;
import io.orderlens.examples.console.Fmt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The report's card for one experiment: the per-variation table with intervals and p-values, and the SRM check. */
final class ExperimentSection {
    private ExperimentSection() {}

    static String title(ExperimentResults r) {
        return "Experiment " + r.experiment().key();
    }

    static String caption(ExperimentResults r) {
        return r.experiment().status() + "; results from the orders counted after each customer's first exposure. "
                + "Lifts against the control with 95% intervals; conversion by a pooled z-test, revenue per customer"
                + " by Welch's t-test.";
    }

    static String body(ExperimentResults r) {
        StringBuilder s = new StringBuilder();
        s.append("<table><thead><tr><th>Variation</th><th>Customers</th><th>Converted</th><th>Conversion</th>")
                .append("<th>Orders / customer</th><th>Revenue / customer</th><th>Average order</th>")
                .append("<th>Conversion lift</th><th>p</th><th>Revenue / customer lift</th><th>p</th></tr></thead>")
                .append("<tbody>");
        for (VariationResult v : r.variations()) {
            s.append("<tr><td>")
                    .append(escape(v.variation()))
                    .append("</td><td>")
                    .append(Fmt.count(v.exposedUsers()))
                    .append("</td><td>")
                    .append(Fmt.count(v.convertedUsers()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f%%", 100 * v.conversionRate()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", v.ordersPerUser()))
                    .append("</td><td>")
                    .append(money(v.netRevenuePerUser()))
                    .append("</td><td>")
                    .append(money(v.averageOrderValue()))
                    .append("</td>");
            lift(s, v.conversion());
            lift(s, v.revenuePerUser());
            s.append("</tr>");
        }
        s.append("</tbody></table>");
        SampleRatioCheck srm = r.sampleRatio();
        s.append("<p class=\"caption\">Sample ratio: chi-square ")
                .append(String.format(Locale.ROOT, "%.3f, p = %.4f", srm.chiSquare(), srm.pValue()))
                .append(": ")
                .append(
                        srm.mismatch()
                                ? "<strong>mismatch (p &lt; 0.001): do not trust these results</strong>"
                                : "matches the configured weights")
                .append("; ")
                .append(Fmt.count(r.multipleExposureUsers()))
                .append(" customers seen in several variations are left out.</p>");
        return s.toString();
    }

    private static void lift(StringBuilder s, Comparison c) {
        if (c == null) {
            s.append("<td>control</td><td></td>");
            return;
        }
        s.append("<td>")
                .append(String.format(
                        Locale.ROOT,
                        "%+.1f%% [%+.1f%%, %+.1f%%]",
                        100 * c.relativeLift(),
                        100 * c.relativeLow(),
                        100 * c.relativeHigh()))
                .append("</td><td>")
                .append(String.format(Locale.ROOT, "%.4f", c.pValue()))
                .append("</td>");
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : Fmt.money(amount.setScale(2, RoundingMode.HALF_EVEN));
    }
}
