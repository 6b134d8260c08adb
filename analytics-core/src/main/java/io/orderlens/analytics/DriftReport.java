package io.orderlens.analytics;

import java.util.List;

/**
 * Result of comparing the stored aggregates with a from-scratch recompute from the ledger.
 *
 * @param ledgerEntries entries read from the ledger
 * @param drifts        every aggregate whose stored value differs from the recompute (empty when clean)
 */
public record DriftReport(long ledgerEntries, List<Drift> drifts) {
    public DriftReport {
        drifts = List.copyOf(drifts);
    }

    public boolean isClean() {
        return drifts.isEmpty();
    }

    /**
     * One aggregate that differs.
     *
     * @param kind     {@code product}, {@code customer}, {@code customerProduct}, {@code customerCategory},
     *                 {@code category}, {@code day} or {@code dayCountry}
     * @param key      its key
     * @param expected the recomputed value (null if it should not exist)
     * @param actual   the stored value (null if missing)
     */
    public record Drift(String kind, String key, String expected, String actual) {}
}
