package io.orderlens.analytics.model;

/** What happened to an order. PAID is a marker that does not change the lifecycle status. */
public enum EventType {
    PLACED,
    PAID,
    ACCEPTED,
    ASSIGNED,
    OUT_FOR_DELIVERY,
    DELIVERED,
    CANCELED,
    REFUNDED;

    /** The forward status this event moves an order to, or null for PAID, CANCELED and REFUNDED. */
    public OrderStatus forwardStatus() {
        return switch (this) {
            case PLACED -> OrderStatus.PLACED;
            case ACCEPTED -> OrderStatus.ACCEPTED;
            case ASSIGNED -> OrderStatus.ASSIGNED;
            case OUT_FOR_DELIVERY -> OrderStatus.OUT_FOR_DELIVERY;
            case DELIVERED -> OrderStatus.DELIVERED;
            case PAID, CANCELED, REFUNDED -> null;
        };
    }
}
