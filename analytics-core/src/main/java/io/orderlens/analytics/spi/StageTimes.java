package io.orderlens.analytics.spi;

import io.orderlens.analytics.model.OrderStatus;
import java.time.Instant;

/**
 * When an order first reported each status after PLACED (whose time is the order's {@code placedAt}): the time of
 * the first event of each status, kept in the order's ledger entry so that the lifecycle funnel's stage times are a
 * contribution of the entry like every other counter. Null where the status was not reported. Immutable.
 */
public record StageTimes(
        Instant accepted, Instant assigned, Instant outForDelivery, Instant delivered, Instant canceled) {
    /** No status reported. */
    public static final StageTimes NONE = new StageTimes(null, null, null, null, null);

    /**
     * The time of {@code status}; null if not reported (or for PLACED and REFUNDED, which are not kept here).
     */
    public Instant at(OrderStatus status) {
        return switch (status) {
            case ACCEPTED -> accepted;
            case ASSIGNED -> assigned;
            case OUT_FOR_DELIVERY -> outForDelivery;
            case DELIVERED -> delivered;
            case CANCELED -> canceled;
            case PLACED, REFUNDED -> null;
        };
    }

    /** These times with {@code status} at {@code at} if it has no time yet (the first report wins); else this. */
    public StageTimes withFirst(OrderStatus status, Instant at) {
        if (at == null || at(status) != null) {
            return this;
        }
        return switch (status) {
            case ACCEPTED -> new StageTimes(at, assigned, outForDelivery, delivered, canceled);
            case ASSIGNED -> new StageTimes(accepted, at, outForDelivery, delivered, canceled);
            case OUT_FOR_DELIVERY -> new StageTimes(accepted, assigned, at, delivered, canceled);
            case DELIVERED -> new StageTimes(accepted, assigned, outForDelivery, at, canceled);
            case CANCELED -> new StageTimes(accepted, assigned, outForDelivery, delivered, at);
            case PLACED, REFUNDED -> this;
        };
    }

    /** True when no status time is kept. */
    public boolean isEmpty() {
        return accepted == null && assigned == null && outForDelivery == null && delivered == null && canceled == null;
    }
}
