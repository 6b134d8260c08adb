package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.time.Instant;

/**
 * Something that happened to an order, as the host reports it. Create with the static factories.
 *
 * <p>Status events may carry the order body ({@code delivered(order, at)}) or only its id; an order whose body has
 * not been seen yet is remembered by status and counted as soon as its body arrives. REFUNDED events carry a
 * {@link Refund}; a standalone refund has no order id.
 *
 * @param type    what happened
 * @param orderId the order; null only for standalone refunds
 * @param at      when it happened
 * @param order   the order body, required for PLACED, optional otherwise
 * @param refund  required for REFUNDED, absent otherwise
 */
public record OrderEvent(EventType type, String orderId, Instant at, Order order, Refund refund) {

    public OrderEvent {
        // the checks build no message unless one fails: this runs for every event recorded
        if (type == null) {
            Checks.notNull(type, "event type", Checks.in("order", orderId));
        }
        if (type == EventType.REFUNDED) {
            if (refund == null) {
                Checks.notNull(refund, "refund", " of a REFUNDED event" + Checks.in("order", orderId));
            }
            if (order != null) {
                throw new InvalidEventException(
                        "a REFUNDED event does not carry the order body" + Checks.in("refund", refund.refundId()));
            }
            if (orderId == null) {
                orderId = refund.orderId();
            } else if (!orderId.equals(refund.orderId())) {
                throw new InvalidEventException("refund " + refund.refundId() + " is for order " + refund.orderId()
                        + " but the event names order " + orderId);
            }
            at = at == null ? refund.at() : at;
        } else {
            if (refund != null) {
                throw new InvalidEventException(
                        "only REFUNDED events carry a refund, got " + type + Checks.in("order", orderId));
            }
            if (orderId == null && order != null) {
                orderId = order.orderId();
            }
            if (Checks.idProblem(orderId, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(orderId, "orderId", " of a " + type + " event");
            }
            if (order != null && !order.orderId().equals(orderId)) {
                throw new InvalidEventException(
                        "event for order " + orderId + " carries the body of order " + order.orderId());
            }
            if (type == EventType.PLACED) {
                if (order == null) {
                    Checks.notNull(order, "order body", " of a PLACED event" + Checks.in("order", orderId));
                }
                at = at == null ? order.placedAt() : at;
            }
        }
        if (!Checks.inRange(at)) {
            Checks.instant(at, "event time", " of a " + type + " event" + Checks.in("order", orderId));
        }
    }

    public static OrderEvent placed(Order order) {
        Checks.notNull(order, "order", "");
        return new OrderEvent(EventType.PLACED, order.orderId(), order.placedAt(), order, null);
    }

    public static OrderEvent paid(String orderId, Instant at) {
        return new OrderEvent(EventType.PAID, orderId, at, null, null);
    }

    public static OrderEvent accepted(String orderId, Instant at) {
        return new OrderEvent(EventType.ACCEPTED, orderId, at, null, null);
    }

    public static OrderEvent assigned(String orderId, Instant at) {
        return new OrderEvent(EventType.ASSIGNED, orderId, at, null, null);
    }

    public static OrderEvent outForDelivery(String orderId, Instant at) {
        return new OrderEvent(EventType.OUT_FOR_DELIVERY, orderId, at, null, null);
    }

    public static OrderEvent delivered(String orderId, Instant at) {
        return new OrderEvent(EventType.DELIVERED, orderId, at, null, null);
    }

    /** Delivery that also carries the order body, for hosts that report only the final state. */
    public static OrderEvent delivered(Order order, Instant at) {
        Checks.notNull(order, "order", "");
        return new OrderEvent(EventType.DELIVERED, order.orderId(), at, order, null);
    }

    public static OrderEvent canceled(String orderId, Instant at) {
        return new OrderEvent(EventType.CANCELED, orderId, at, null, null);
    }

    public static OrderEvent refunded(Refund refund) {
        Checks.notNull(refund, "refund", "");
        return new OrderEvent(EventType.REFUNDED, refund.orderId(), refund.at(), null, refund);
    }

    /** Any status event by type, with or without the body. */
    public static OrderEvent of(EventType type, String orderId, Instant at, Order order) {
        return new OrderEvent(type, orderId, at, order, null);
    }

    /**
     * The ledger key this event belongs to: {@code o:<orderId>} for order events, {@code r:<refundId>} for standalone
     * refunds.
     */
    public String ledgerKey() {
        return refund != null && refund.isStandalone() ? "r:" + refund.refundId() : "o:" + orderId;
    }
}
