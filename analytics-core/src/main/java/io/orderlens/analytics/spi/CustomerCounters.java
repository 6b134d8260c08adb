package io.orderlens.analytics.spi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Commutative counters of one customer.
 *
 * @param orders           counted orders (fully refunded or canceled ones excluded)
 * @param spent            money in {@link io.orderlens.analytics.model.MoneyUnits}, net of refunds
 * @param items            units bought, net of refunds
 * @param firstOrderAt     earliest order time that ever counted (never moved back)
 * @param lastOrderAt      latest order time that ever counted
 * @param firstOrderDay    business-zone date of {@code firstOrderAt}: the customer is "new" on that day
 * @param accountCreatedAt earliest account-creation time reported; null if never reported
 * @param zone             the customer's own zone id as last reported; null if never reported
 * @param hours            counted orders per local hour (customer zone if known, else business zone)
 */
public record CustomerCounters(
        String customerId,
        long orders,
        long spent,
        long items,
        Instant firstOrderAt,
        Instant lastOrderAt,
        LocalDate firstOrderDay,
        Instant accountCreatedAt,
        String zone,
        HourHistogram hours)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public CustomerCounters {
        hours = hours == null ? HourHistogram.EMPTY : hours;
    }

    public CustomerCounters plus(CustomerCounters o) {
        return new CustomerCounters(
                customerId,
                orders + o.orders,
                spent + o.spent,
                items + o.items,
                Instants.min(firstOrderAt, o.firstOrderAt),
                Instants.max(lastOrderAt, o.lastOrderAt),
                Instants.min(firstOrderDay, o.firstOrderDay),
                Instants.min(accountCreatedAt, o.accountCreatedAt),
                Instants.latest(zone, o.zone),
                hours.plus(o.hours));
    }

    public CustomerCounters negate() {
        return new CustomerCounters(customerId, -orders, -spent, -items, null, null, null, null, null, hours.negate());
    }

    public boolean isZero() {
        return orders == 0 && spent == 0 && items == 0 && hours.isZero();
    }
}
