package io.orderlens.examples.console;

import io.orderlens.analytics.period.Change;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodSeries;
import io.orderlens.analytics.period.PeriodTotals;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Prints a monthly series as a console table: per month orders, gross, refunded, net, average order value, new
 * customers, and the change of net revenue against the previous month, absolute and in percent ("n/a" when the
 * previous month's net is zero: undefined, never infinite).
 */
public final class MonthlyTrendTable {
    private static final String ROW = "%-8s %8s %15s %13s %15s %9s %7s %15s %9s%n";

    private final PrintStream out;

    public MonthlyTrendTable(PrintStream out) {
        this.out = out;
    }

    public void print(PeriodSeries months) {
        out.println();
        out.println("== Monthly trend (" + months.zone() + "; net = gross by order day - refunds by refund day)");
        out.printf(Locale.ROOT, ROW, "month", "orders", "gross", "refunded", "net", "AOV", "new", "net vs prev", "%");
        for (PeriodBucket b : months.buckets()) {
            PeriodTotals t = b.totals();
            Change c = b.change().get(Metric.NET_REVENUE);
            out.printf(
                    Locale.ROOT,
                    ROW,
                    b.label(),
                    Fmt.count(t.orders()),
                    Fmt.money(t.grossRevenue()),
                    Fmt.money(t.refundedAmount()),
                    Fmt.money(t.netRevenue()),
                    Fmt.money(t.averageOrderValue()),
                    Fmt.count(t.newCustomers()),
                    signed(c.absolute()),
                    c.percent() == null ? "n/a" : signed(c.percent()));
        }
    }

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + Fmt.money(v);
    }
}
