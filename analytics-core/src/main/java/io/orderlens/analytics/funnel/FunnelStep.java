package io.orderlens.analytics.funnel;

import io.orderlens.analytics.model.OrderStatus;

/** A step of the order lifecycle whose duration the funnel measures: from the time of one status to another's. */
public enum FunnelStep {
    PLACED_TO_ACCEPTED(OrderStatus.PLACED, OrderStatus.ACCEPTED),
    ACCEPTED_TO_ASSIGNED(OrderStatus.ACCEPTED, OrderStatus.ASSIGNED),
    ASSIGNED_TO_OUT_FOR_DELIVERY(OrderStatus.ASSIGNED, OrderStatus.OUT_FOR_DELIVERY),
    OUT_FOR_DELIVERY_TO_DELIVERED(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED),
    /** The whole way, whether or not the statuses between were reported. */
    PLACED_TO_DELIVERED(OrderStatus.PLACED, OrderStatus.DELIVERED);

    private final OrderStatus from;
    private final OrderStatus to;

    FunnelStep(OrderStatus from, OrderStatus to) {
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
