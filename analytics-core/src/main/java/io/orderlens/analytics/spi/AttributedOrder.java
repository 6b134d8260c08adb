package io.orderlens.analytics.spi;

/**
 * One order's share in an experiment, as the customer's exposure entry holds it: what the order's ledger entry at
 * {@code orderVersion} contributes to the experiment. The exposure entry is the one place a customer's attributed
 * totals live, so the per-variation counters (including the sum of squared revenue per customer) follow from its
 * changes alone. Immutable.
 *
 * @param orderId      the order
 * @param orderVersion the version of the order's ledger entry this share was taken from
 * @param orders       1 while the order counts and is not fully refunded, else 0
 * @param netRevenue   the order's value net of its refunds while it counts, else 0, in
 *                     {@link io.orderlens.analytics.model.MoneyUnits}
 */
public record AttributedOrder(String orderId, long orderVersion, long orders, long netRevenue) {
    public AttributedOrder {
        if (orderId == null || orderId.isEmpty()) {
            throw new IllegalArgumentException("an attributed order needs its order id");
        }
        if (orderVersion < 1) {
            throw new IllegalArgumentException(
                    "orderVersion must be at least 1, got " + orderVersion + " for order " + orderId);
        }
        if (orders < 0 || orders > 1) {
            throw new IllegalArgumentException("orders must be 0 or 1, got " + orders + " for order " + orderId);
        }
    }

    /** Whether this share is the same as {@code other}'s, whatever version it was taken from. */
    public boolean sameShare(AttributedOrder other) {
        return other != null && orders == other.orders && netRevenue == other.netRevenue;
    }
}
