package io.orderlens.analytics;

/**
 * What one erasure of a customer did ({@link Analytics#forgetCustomer}). Holds no customer id.
 *
 * @param reference     a random id of this erasure, also in the log lines about it (which never name the customer);
 *                      empty when there was nothing to erase
 * @param ledgerEntries ledger entries (orders, standalone refunds, exposures) moved to the pseudonym
 * @param rows          aggregate and baseline rows deleted after their counts were moved to the pseudonym
 */
public record ErasureReport(String reference, long ledgerEntries, long rows) {
    /** Whether the customer had nothing left to erase (never recorded, or already erased). */
    public boolean nothingToErase() {
        return reference.isEmpty();
    }
}
