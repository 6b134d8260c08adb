package io.orderlens.analytics.funnel;

import io.orderlens.analytics.model.OrderStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One forward status of the lifecycle funnel, for the orders placed in its range.
 *
 * @param stage          PLACED, ACCEPTED, ASSIGNED, OUT_FOR_DELIVERY or DELIVERED
 * @param reached        orders that reached it (a later status implies the earlier ones, reported or not; a canceled
 *                       order counts up to the status it had when it was canceled)
 * @param canceled       orders canceled while this was their furthest status
 * @param fromPrevious   {@code reached} × 100 / the previous stage's {@code reached}, half-up to two decimals; null
 *                       for PLACED and when the previous stage has none
 * @param fromPlaced     {@code reached} × 100 / PLACED's {@code reached}, half-up to two decimals; null without orders
 */
public record StageCount(
        OrderStatus stage, long reached, long canceled, BigDecimal fromPrevious, BigDecimal fromPlaced) {
    /** @throws NullPointerException if {@code stage} is null */
    public StageCount {
        Objects.requireNonNull(stage, "stage");
    }
}
