package io.orderlens.analytics.period;

/**
 * The additive figures of one category in a {@link CategoryBucket}. Money metrics are exact amounts with four
 * decimals; the others are counts.
 */
public enum CategoryMetric {
    /** Counted orders placed in the bucket with a line of the category. */
    ORDERS,
    /** Units of the category sold in those orders. */
    UNITS,
    /** Their value, by order day. */
    GROSS_REVENUE,
    /** Units of the category returned by refunds dated in the bucket. */
    REFUNDED_UNITS,
    /** Money of the category returned by refunds dated in the bucket. */
    REFUNDED_AMOUNT,
    /** Gross revenue minus refunded amount. */
    NET_REVENUE
}
