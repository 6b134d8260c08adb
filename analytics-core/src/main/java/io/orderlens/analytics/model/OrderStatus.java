package io.orderlens.analytics.model;

/**
 * Where an order is in its lifecycle. Forward statuses are ranked PLACED → ACCEPTED → ASSIGNED → OUT_FOR_DELIVERY →
 * DELIVERED; an order only moves forward (a late ACCEPTED after DELIVERED only adds its time to the lifecycle funnel). CANCELED and REFUNDED are
 * terminal: REFUNDED means fully refunded after it was counted.
 */
public enum OrderStatus {
    PLACED,
    ACCEPTED,
    ASSIGNED,
    OUT_FOR_DELIVERY,
    DELIVERED,
    CANCELED,
    REFUNDED
}
