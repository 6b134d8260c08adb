package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * Commutative counters of one customer on one business day: the purchase days behind lifetime value. An order adds
 * to the day it was placed on (business zone); its refunds and its cancel subtract from that same day, so a day's
 * row always holds the day's orders as they stand now. Refunds not linked to an order have no day here.
 *
 * @param customerId the customer
 * @param day        the business-zone day the orders were placed on
 * @param orders     counted orders placed that day (fully refunded or canceled ones excluded)
 * @param spent      their value net of their refunds, in {@link io.orderlens.analytics.model.MoneyUnits}
 */
public record CustomerDayCounters(String customerId, LocalDate day, long orders, long spent) implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CustomerDayCounters plus(CustomerDayCounters o) {
        return new CustomerDayCounters(customerId, day, orders + o.orders, spent + o.spent);
    }

    public CustomerDayCounters negate() {
        return new CustomerDayCounters(customerId, day, -orders, -spent);
    }

    public boolean isZero() {
        return orders == 0 && spent == 0;
    }
}
