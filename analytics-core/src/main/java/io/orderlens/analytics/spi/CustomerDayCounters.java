package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * One customer's orders of one business-zone day: the row cohort retention and the acquisition funnel are folded
 * from. Every field is a sum of per-order contributions, so cancels and refunds move it back exactly.
 *
 * @param date       the business-zone day the orders were placed (a standalone refund: the day it was refunded)
 * @param placed     orders placed that day whose body is known, whatever became of them (the customer was seen)
 * @param orders     counted orders placed that day (canceled, not yet counted and fully refunded ones excluded)
 * @param netRevenue value of the counted orders placed that day net of their refunds, plus standalone refunds of
 *                   that day as negative amounts, in {@link io.orderlens.analytics.model.MoneyUnits}
 */
public record CustomerDayCounters(String customerId, LocalDate date, long placed, long orders, long netRevenue)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CustomerDayCounters plus(CustomerDayCounters o) {
        return new CustomerDayCounters(
                customerId, date, placed + o.placed, orders + o.orders, netRevenue + o.netRevenue);
    }

    public CustomerDayCounters negate() {
        return new CustomerDayCounters(customerId, date, -placed, -orders, -netRevenue);
    }

    public boolean isZero() {
        return placed == 0 && orders == 0 && netRevenue == 0;
    }
}
