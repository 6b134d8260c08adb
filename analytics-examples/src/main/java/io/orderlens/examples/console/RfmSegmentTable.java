package io.orderlens.examples.console;

import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.analytics.segment.SegmentSize;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/** Prints the RFM segment sizes of a run to a text console. */
public final class RfmSegmentTable {
    private final PrintStream out;

    public RfmSegmentTable(PrintStream out) {
        this.out = out;
    }

    /** One row per segment of the grid, in grid order: customers, share and net spend. */
    public void print(RfmSummary rfm) {
        String title =
                "RFM segments as of " + rfm.asOf() + " (" + rfm.scoring().name().toLowerCase(Locale.ROOT) + " scoring, "
                        + Fmt.count(rfm.customers()) + " customers)";
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
        out.printf(Locale.ROOT, "%-20s %10s %8s %18s%n", "segment", "customers", "share", "net spend");
        for (SegmentSize s : rfm.segments()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %10s %7.1f%% %18s%n",
                    Fmt.fit(s.segment(), 20),
                    Fmt.count(s.customers()),
                    s.share().multiply(BigDecimal.valueOf(100)),
                    Fmt.money(s.netSpend()));
        }
    }
}
