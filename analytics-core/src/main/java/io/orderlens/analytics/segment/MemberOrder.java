package io.orderlens.analytics.segment;

/** How segment members are listed; ties are broken by customer id ascending. */
public enum MemberOrder {
    /** Highest net spend first. */
    SPEND,
    /** Most counted orders first. */
    ORDERS,
    /** Most recent last order first. */
    RECENCY,
    /** Customer id ascending. */
    CUSTOMER_ID,
    /** Highest predicted lifetime value first; customers without a prediction last. */
    PREDICTED_CLV
}
