package io.orderlens.analytics.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The financial reconciliation of a range: every day (zero-filled) from the stored day counters, their total, the
 * same totals recomputed from the ledger (every order and refund entry read once), and whether they tie out.
 * Immutable.
 *
 * @param mismatchedDays days whose stored counters differ from the ledger's, ascending; empty when it ties out
 * @param ledgerEntries  ledger entries read for the check
 */
public record Reconciliation(
        ReportRange range,
        List<ReconciliationLine> days,
        ReconciliationLine total,
        ReconciliationLine ledger,
        List<LocalDate> mismatchedDays,
        long ledgerEntries) {

    public Reconciliation {
        days = List.copyOf(days);
        mismatchedDays = List.copyOf(mismatchedDays);
    }

    /** True when every day's counters equal the ledger's (hence the totals too). */
    public boolean tiesOut() {
        return mismatchedDays.isEmpty();
    }
}
