package io.orderlens.examples.console;

import io.orderlens.analytics.experiment.Comparison;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.experiment.SampleRatioCheck;
import io.orderlens.analytics.experiment.VariationResult;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Prints an experiment's per-variation results and its sample-ratio check to a text console. */
public final class ExperimentTable {
    private final PrintStream out;

    public ExperimentTable(PrintStream out) {
        this.out = out;
    }

    /** Prints one row per variation, the lifts against the control with 95% intervals and p-values, and the SRM check. */
    public void print(ExperimentResults r) {
        String title =
                "Experiment " + r.experiment().key() + " (" + r.experiment().status() + ")";
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
        out.printf(
                Locale.ROOT,
                "%-12s %9s %9s %8s %10s %12s %10s%n",
                "variation",
                "customers",
                "converted",
                "rate",
                "orders/cu",
                "revenue/cu",
                "avg order");
        for (VariationResult v : r.variations()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %9s %9s %7.2f%% %10.3f %12s %10s%n",
                    Fmt.fit(v.variation(), 12),
                    Fmt.count(v.exposedUsers()),
                    Fmt.count(v.convertedUsers()),
                    100 * v.conversionRate(),
                    v.ordersPerUser(),
                    money(v.netRevenuePerUser()),
                    money(v.averageOrderValue()));
        }
        for (VariationResult v : r.variations()) {
            if (v.conversion() == null) {
                continue;
            }
            out.println(line(v.variation(), "conversion", v.conversion(), true));
            out.println(line(v.variation(), "revenue/customer", v.revenuePerUser(), false));
        }
        SampleRatioCheck srm = r.sampleRatio();
        out.printf(
                Locale.ROOT,
                "sample ratio: chi-square %.3f, p = %.4f: %s; %s customers seen in several " + "variations left out%n",
                srm.chiSquare(),
                srm.pValue(),
                srm.mismatch() ? "MISMATCH (p < 0.001), do not trust these results" : "matches the weights",
                Fmt.count(r.multipleExposureUsers()));
    }

    /** {@code banner vs control  conversion  +1.23 pp [-0.5, +3.0]  +4.5% [...]  z = 1.20  p = 0.2301} */
    static String line(String variation, String metric, Comparison c, boolean points) {
        double scale = points ? 100 : 1;
        String unit = points ? " pp" : "";
        return String.format(
                Locale.ROOT,
                "%s vs control, %s: %+.3f%s [%+.3f, %+.3f], %+.1f%% [%+.1f%%, %+.1f%%], " + "%s = %.3f, p = %.4f",
                variation,
                metric,
                scale * c.absoluteLift(),
                unit,
                scale * c.absoluteLow(),
                scale * c.absoluteHigh(),
                100 * c.relativeLift(),
                100 * c.relativeLow(),
                100 * c.relativeHigh(),
                Double.isInfinite(c.degreesOfFreedom()) ? "z" : "t",
                c.statistic(),
                c.pValue());
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : Fmt.money(amount.setScale(2, RoundingMode.HALF_EVEN));
    }
}
