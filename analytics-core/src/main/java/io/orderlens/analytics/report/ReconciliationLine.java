package io.orderlens.analytics.report;

import java.math.BigDecimal;

/**
 * A line of the financial reconciliation: one business day, the total of the days, or the same totals recomputed
 * from the ledger. Gross (and orders) by order day, refunds by refund day, net = gross - refunded; cancellations are
 * orders placed that day that are now canceled.
 *
 * @param line    {@code yyyy-MM-dd} for a day, {@link #TOTAL} or {@link #LEDGER}
 * @param tiesOut for a day: its stored counters equal the ledger's for that day; for the total and ledger lines:
 *                every day ties out and the totals are equal
 */
public record ReconciliationLine(
        String line,
        long orders,
        BigDecimal grossRevenue,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue,
        long cancellations,
        boolean tiesOut) {
    public static final String TOTAL = "total";
    public static final String LEDGER = "ledger";
}
