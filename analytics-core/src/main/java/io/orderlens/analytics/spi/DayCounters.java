package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * One business-zone day.
 *
 * @param orders         counted orders placed that day (gross: later refunds do not remove them)
 * @param grossRevenue   their value, in {@link io.orderlens.analytics.model.MoneyUnits}
 * @param items          their units
 * @param refunds        refunds dated that day
 * @param refundedAmount money refunded that day
 * @param statuses       orders placed that day by current status (every order with a known body, counted or not)
 * @param newCustomers   customers whose first counted order ({@link CustomerCounters#firstOrderDay()}) is that day
 */
public record DayCounters(
        LocalDate date,
        long orders,
        long grossRevenue,
        long items,
        long refunds,
        long refundedAmount,
        StatusCounts statuses,
        long newCustomers)
        implements Counters {

    /** A day row that counts no new customers. */
    public DayCounters(
            LocalDate date,
            long orders,
            long grossRevenue,
            long items,
            long refunds,
            long refundedAmount,
            StatusCounts statuses) {
        this(date, orders, grossRevenue, items, refunds, refundedAmount, statuses, 0);
    }

    /** A row of {@code date} that adds {@code n} (may be negative) to its new customers and nothing else. */
    public static DayCounters newCustomers(LocalDate date, long n) {
        return new DayCounters(date, 0, 0, 0, 0, 0, StatusCounts.EMPTY, n);
    }

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public DayCounters {
        statuses = statuses == null ? StatusCounts.EMPTY : statuses;
    }

    public DayCounters plus(DayCounters o) {
        return new DayCounters(
                date,
                orders + o.orders,
                grossRevenue + o.grossRevenue,
                items + o.items,
                refunds + o.refunds,
                refundedAmount + o.refundedAmount,
                statuses.plus(o.statuses),
                newCustomers + o.newCustomers);
    }

    public DayCounters negate() {
        return new DayCounters(
                date, -orders, -grossRevenue, -items, -refunds, -refundedAmount, statuses.negate(), -newCustomers);
    }

    public boolean isZero() {
        return orders == 0
                && grossRevenue == 0
                && items == 0
                && refunds == 0
                && refundedAmount == 0
                && statuses.isZero()
                && newCustomers == 0;
    }
}
