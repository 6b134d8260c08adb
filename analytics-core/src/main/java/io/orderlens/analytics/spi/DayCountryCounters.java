package io.orderlens.analytics.spi;

import java.time.LocalDate;

/** One business-zone day in one country: counted orders and gross revenue by order day, refunds by refund day. */
public record DayCountryCounters(
        LocalDate date, String country, long orders, long grossRevenue, long refunds, long refundedAmount)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public DayCountryCounters plus(DayCountryCounters o) {
        return new DayCountryCounters(
                date,
                country,
                orders + o.orders,
                grossRevenue + o.grossRevenue,
                refunds + o.refunds,
                refundedAmount + o.refundedAmount);
    }

    public DayCountryCounters negate() {
        return new DayCountryCounters(date, country, -orders, -grossRevenue, -refunds, -refundedAmount);
    }

    public boolean isZero() {
        return orders == 0 && grossRevenue == 0 && refunds == 0 && refundedAmount == 0;
    }
}
