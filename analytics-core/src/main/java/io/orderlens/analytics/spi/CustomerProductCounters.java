package io.orderlens.analytics.spi;

import java.time.Instant;

/** What one customer bought of one product: units and spend net of refunds, counted orders, last ordered. */
public record CustomerProductCounters(
        String customerId,
        String productId,
        String name,
        String category,
        long units,
        long spend,
        long orders,
        Instant lastOrderedAt)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CustomerProductCounters plus(CustomerProductCounters o) {
        return new CustomerProductCounters(
                customerId,
                productId,
                Instants.latest(name, o.name),
                Instants.latest(category, o.category),
                units + o.units,
                spend + o.spend,
                orders + o.orders,
                Instants.max(lastOrderedAt, o.lastOrderedAt));
    }

    public CustomerProductCounters negate() {
        return new CustomerProductCounters(customerId, productId, name, category, -units, -spend, -orders, null);
    }

    public boolean isZero() {
        return units == 0 && spend == 0 && orders == 0;
    }
}
