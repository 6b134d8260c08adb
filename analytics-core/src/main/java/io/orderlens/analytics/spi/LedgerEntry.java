package io.orderlens.analytics.spi;

import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The ledger's record of one order (key {@code o:<orderId>}) or of one standalone refund (key {@code r:<refundId>}).
 * The ledger is the idempotency gate and the source of truth for verify and rebuild: the aggregates always equal the
 * sum of {@code contribution(entry)} over all entries. Immutable.
 *
 * @param version       1 when first written, +1 per change; stores apply a change only if the stored version is
 *                      still the one the change was computed from (compare-and-set)
 * @param order         the order body; null until it is seen (and for standalone refunds)
 * @param orderDay      business-zone date of {@code order.placedAt()}, fixed when the body was first seen
 * @param orderHour     local hour (customer zone if known, else business zone) of {@code order.placedAt()}
 * @param furthest      furthest forward status seen; null if only PAID/CANCELED/REFUNDED events were seen
 * @param paid          a PAID marker was seen
 * @param canceled      a CANCELED event was seen (terminal)
 * @param counted       the order's sales are currently counted (body known, counting policy met, not canceled)
 * @param everCounted   the order was counted at some time (drives first/last-order instants, which never move back)
 * @param refunds       refunds recorded for this entry, in arrival order; they take effect only while counted
 * @param updatedAt     engine clock time of the last change
 */
public record LedgerEntry(
        String key,
        long version,
        String orderId,
        Order order,
        LocalDate orderDay,
        int orderHour,
        OrderStatus furthest,
        boolean paid,
        boolean canceled,
        boolean counted,
        boolean everCounted,
        List<RecordedRefund> refunds,
        Instant updatedAt) {

    public LedgerEntry {
        refunds = List.copyOf(refunds);
    }

    /** The same entry with another version number. */
    public LedgerEntry withVersion(long newVersion) {
        return new LedgerEntry(key, newVersion, orderId, order, orderDay, orderHour, furthest, paid, canceled, counted,
                everCounted, refunds, updatedAt);
    }

    /** True for a standalone refund's entry. */
    public boolean isStandaloneRefund() {
        return key.startsWith("r:");
    }

    /** True once a full refund has been recorded. */
    public boolean fullyRefunded() {
        for (RecordedRefund r : refunds) {
            if (r.full()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status shown for the order: CANCELED if canceled, REFUNDED if fully refunded while counted, else the
     * furthest forward status; null for an entry without an order body.
     */
    public OrderStatus status() {
        if (order == null) {
            return null;
        }
        if (canceled) {
            return OrderStatus.CANCELED;
        }
        if (counted && fullyRefunded()) {
            return OrderStatus.REFUNDED;
        }
        return furthest == null ? OrderStatus.PLACED : furthest;
    }

    /** Total refunded so far, in {@link io.orderlens.analytics.model.MoneyUnits}. */
    public long refundedAmount() {
        long sum = 0;
        for (RecordedRefund r : refunds) {
            sum += r.amount();
        }
        return sum;
    }
}
