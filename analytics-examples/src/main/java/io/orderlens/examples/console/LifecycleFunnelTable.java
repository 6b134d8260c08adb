package io.orderlens.examples.console;

import io.orderlens.analytics.funnel.LifecycleFunnel;
import io.orderlens.analytics.funnel.StageCount;
import io.orderlens.analytics.funnel.StepDurations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints the lifecycle funnel to a text console: each status with the orders that reached it, the conversion from
 * the status before and from PLACED, the cancellations at it, then p50/p90/p99 of each step's time.
 */
public final class LifecycleFunnelTable {
    private final PrintStream out;

    public LifecycleFunnelTable(PrintStream out) {
        this.out = out;
    }

    public void print(LifecycleFunnel f) {
        String title = "Order lifecycle (orders placed " + f.from() + " to " + f.to() + ")";
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
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
