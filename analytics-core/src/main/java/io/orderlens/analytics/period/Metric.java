package io.orderlens.analytics.period;

/**
 * The additive figures of a series bucket: those of the daily series, summed over the bucket's days. Money metrics
 * are exact amounts with four decimals; the others are counts.
 */
public enum Metric {
    /** Counted orders placed in the bucket. */
    ORDERS(false),
    /** Their value, by order day. */
    GROSS_REVENUE(true),
    /** Their units. */
    ITEMS(false),
    /** Refunds dated in the bucket. */
    REFUNDS(false),
    /** Money refunded in the bucket, by refund day. */
    REFUNDED_AMOUNT(true),
    /** Gross revenue minus refunded amount. */
    NET_REVENUE(true),
    /** Customers whose first counted order falls in the bucket. */
    NEW_CUSTOMERS(false),
    /** Orders placed in the bucket that are now canceled. */
    CANCELLATIONS(false);

    private final boolean money;

    Metric(boolean money) {
        this.money = money;
    }

    /** Whether the metric is an amount of money (else a count). */
    public boolean money() {
        return money;
    }
}
