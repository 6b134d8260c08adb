package io.orderlens.analytics.spi;

/** One category: units and revenue net of refunds, counted orders containing it. */
public record CategoryCounters(String category, long units, long revenue, long orders) implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CategoryCounters plus(CategoryCounters o) {
        return new CategoryCounters(category, units + o.units, revenue + o.revenue, orders + o.orders);
    }

    public CategoryCounters negate() {
        return new CategoryCounters(category, -units, -revenue, -orders);
    }

    public boolean isZero() {
        return units == 0 && revenue == 0 && orders == 0;
    }
}
