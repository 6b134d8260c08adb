package io.orderlens.analytics.spi;

/** One customer's counted orders, units and spend (net of refunds) in one category. */
public record CustomerCategoryCounters(String customerId, String category, long orders, long units, long spend)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CustomerCategoryCounters plus(CustomerCategoryCounters o) {
        return new CustomerCategoryCounters(customerId, category, orders + o.orders, units + o.units, spend + o.spend);
    }

    public CustomerCategoryCounters negate() {
        return new CustomerCategoryCounters(customerId, category, -orders, -units, -spend);
    }

    public boolean isZero() {
        return orders == 0 && units == 0 && spend == 0;
    }
}
