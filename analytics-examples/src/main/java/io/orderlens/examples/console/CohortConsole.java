package io.orderlens.examples.console;

import io.orderlens.analytics.cohort.AcquisitionCohort;
import io.orderlens.analytics.cohort.AcquisitionFunnel;
import io.orderlens.analytics.cohort.Cohort;
import io.orderlens.analytics.cohort.CohortCell;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.cohort.FunnelStep;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/** Prints a cohort retention table and the acquisition and repeat funnel to a text console. */
public final class CohortConsole {
    /** Offsets shown per cohort row (0 … 12). */
    static final int OFFSETS = 13;

    private final PrintStream out;

    public CohortConsole(PrintStream out) {
        this.out = out;
    }

    /** Prints one row per cohort (customers, then retention % per period since acquisition) and the funnel's totals. */
    public void print(CohortTable table, AcquisitionFunnel funnel) {
        if (table.cohorts().isEmpty()) {
            return;
        }
        out.println();
        String title = "Cohort retention by " + table.period().name().toLowerCase(Locale.ROOT)
                + " of first counted order (% of the cohort ordering again)";
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s %9s", "cohort", "customers"));
        for (int k = 0; k < OFFSETS; k++) {
            head.append(String.format(Locale.ROOT, " %5s", "+" + k));
        }
        out.println(head);
        for (Cohort c : table.cohorts()) {
            StringBuilder row = new StringBuilder(
                    String.format(Locale.ROOT, "%-8s %9s", Fmt.fit(c.label(), 8), Fmt.count(c.size())));
            for (int k = 0; k < OFFSETS && k < c.cells().size(); k++) {
                CohortCell cell = c.cells().get(k);
                row.append(String.format(Locale.ROOT, " %5s", percent(cell.retention())));
            }
            out.println(row);
        }
        AcquisitionCohort total = funnel.total();
        out.printf(
                Locale.ROOT,
                "Acquisition funnel: %s customers started; %s%n",
                Fmt.count(total.customers()),
                String.join(
                        ", ", total.steps().stream().map(CohortConsole::step).toList()));
    }

    private static String step(FunnelStep s) {
        String ordinal = s.order() == 1 ? "1st" : s.order() == 2 ? "2nd" : "3rd";
        return String.format(
                Locale.ROOT,
                "%s order %s (%s%%, median %s days after the previous step)",
                ordinal,
                Fmt.count(s.customers()),
                s.conversion().movePointRight(2).setScale(1, java.math.RoundingMode.HALF_EVEN),
                s.medianDaysFromPrevious() == null
                        ? "-"
                        : s.medianDaysFromPrevious().toPlainString());
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_EVEN) + "";
    }
}
