package io.orderlens.analytics;

import java.time.Instant;

/**
 * An event was refused because it concerns an order (or standalone refund) beyond the retention horizon: settled
 * and last changed before the horizon, so its ledger entry is final and may already have been compacted into the
 * baseline. Nothing was written. A refund that must still count can be recorded as a standalone refund
 * ({@code Refund.standalone}), which subtracts from the product, customer and day totals without the order.
 */
public class BeyondRetentionException extends InvalidEventException {
    private static final long serialVersionUID = 1L;

    private final transient Instant horizon;

    public BeyondRetentionException(String message, Instant horizon) {
        super(message);
        this.horizon = horizon;
    }

    /** The retention horizon in force when the event was refused. */
    public Instant horizon() {
        return horizon;
    }
}
