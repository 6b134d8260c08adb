package io.orderlens.analytics;

/** What recording one event did. */
public enum RecordOutcome {
    /** The event changed the order's state; its effect (possibly none on sales, e.g. ACCEPTED) is applied. */
    APPLIED,
    /** The event was already recorded (same status, same refund id, same body): nothing changed. */
    DUPLICATE,
    /**
     * The event is kept in the ledger but has no effect on sales yet: a status for an order whose body has not been
     * seen, or a refund of an order that does not count yet. It takes effect when the order counts.
     */
    HELD,
    /** The event arrived after a terminal state that makes it moot (e.g. DELIVERED after CANCELED): nothing changed. */
    IGNORED
}
