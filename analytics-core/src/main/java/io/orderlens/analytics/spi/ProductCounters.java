package io.orderlens.analytics.spi;

import java.time.Instant;

/**
 * Commutative counters of one product. Used both as an increment (signed) and as the stored total.
 *
 * @param units       units sold, net of refunds
 * @param revenue     money in {@link io.orderlens.analytics.model.MoneyUnits}, net of refunds
 * @param orders      counted orders containing the product (a fully refunded order no longer counts)
 * @param firstSoldAt earliest order time that ever counted (not moved back by reversals); null if none
 * @param lastSoldAt  latest order time that ever counted; null if none
 */
public record ProductCounters(
        String productId,
        String name,
        String category,
        long units,
        long revenue,
        long orders,
        Instant firstSoldAt,
        Instant lastSoldAt)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public ProductCounters plus(ProductCounters o) {
        return new ProductCounters(
                productId,
                Instants.latest(name, o.name),
                Instants.latest(category, o.category),
                units + o.units,
                revenue + o.revenue,
                orders + o.orders,
                Instants.min(firstSoldAt, o.firstSoldAt),
                Instants.max(lastSoldAt, o.lastSoldAt));
    }

    /** Numeric fields negated; instants dropped (min/max are never reversed). */
    public ProductCounters negate() {
        return new ProductCounters(productId, name, category, -units, -revenue, -orders, null, null);
    }

    public boolean isZero() {
        return units == 0 && revenue == 0 && orders == 0;
    }
}
