package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * One category on one business-zone day: what its lines sold in counted orders placed that day, and what refunds
 * dated that day returned of it. Attributed like {@link DayCounters} (gross by order day, refunds by refund day, a
 * cancel takes the gross back from the order day) and like {@link CategoryCounters} (a refund line counts for the
 * category it names; refund money with no category, as an amount-only refund has, is in no category row). Holds no
 * customer data.
 *
 * @param orders         counted orders placed that day with a line of the category (gross: refunds do not remove
 *                       them)
 * @param units          units of the category sold in those orders
 * @param grossRevenue   their value, in {@link io.orderlens.analytics.model.MoneyUnits}
 * @param refundedUnits  units of the category returned by refunds dated that day
 * @param refundedAmount money of the category returned by refunds dated that day
 */
public record DayCategoryCounters(
        LocalDate date,
        String category,
        long orders,
        long units,
        long grossRevenue,
        long refundedUnits,
        long refundedAmount)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public DayCategoryCounters plus(DayCategoryCounters o) {
        return new DayCategoryCounters(
                date,
                category,
                orders + o.orders,
                units + o.units,
                grossRevenue + o.grossRevenue,
                refundedUnits + o.refundedUnits,
                refundedAmount + o.refundedAmount);
    }

    public DayCategoryCounters negate() {
        return new DayCategoryCounters(date, category, -orders, -units, -grossRevenue, -refundedUnits, -refundedAmount);
    }

    public boolean isZero() {
        return orders == 0 && units == 0 && grossRevenue == 0 && refundedUnits == 0 && refundedAmount == 0;
    }
}
