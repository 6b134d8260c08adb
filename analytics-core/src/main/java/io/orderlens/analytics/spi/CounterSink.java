package io.orderlens.analytics.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Receives signed counter increments, one aggregate at a time. {@link Delta} is the collecting implementation; a
 * store may implement it to fold a batch's effect straight into its aggregates without building a {@link Delta}
 * first (see {@link StoreBatch#addTo}). Increments of the same key must be summed as {@code Counters.plus} does.
 */
public interface CounterSink {
    CounterSink add(ProductCounters c);

    CounterSink add(CustomerCounters c);

    CounterSink add(CustomerProductCounters c);

    CounterSink add(CustomerCategoryCounters c);

    CounterSink add(CategoryCounters c);

    CounterSink add(DayCounters c);

    CounterSink add(DayCountryCounters c);

    CounterSink add(ExperimentCustomerCounters c);

    CounterSink add(FunnelCounters c);

    CounterSink add(CustomerDayCounters c);

    CounterSink add(ExperimentVariationCounters c);

    CounterSink add(DayCategoryCounters c);

    /**
     * One order or refund line's increments of its product row and of its customer × product row, in that order:
     * exactly {@code add(new ProductCounters(productId, name, category, units, money, orders, at, at))} then
     * {@code add(new CustomerProductCounters(customerId, productId, name, category, units, money, orders, at))}, which
     * is what this default does. A sink that folds increments into rows may override it to take the numbers without
     * building the two records (the engine's effects hand every line this way).
     */
    default void addLine(
            String customerId,
            String productId,
            String name,
            String category,
            long units,
            long money,
            long orders,
            Instant at) {
        add(new ProductCounters(productId, name, category, units, money, orders, at, at));
        add(new CustomerProductCounters(customerId, productId, name, category, units, money, orders, at));
    }

    /**
     * One category's share of one order: exactly {@code add(new CategoryCounters(category, units, money, orders))},
     * {@code add(new CustomerCategoryCounters(customerId, category, orders, units, money))} and
     * {@code add(new DayCategoryCounters(day, category, orders, units, money, 0, 0))}, in that order, which is what
     * this default does; a sink that folds increments into rows may override it as {@link #addLine}.
     */
    default void addCategory(String customerId, LocalDate day, String category, long orders, long units, long money) {
        add(new CategoryCounters(category, units, money, orders));
        add(new CustomerCategoryCounters(customerId, category, orders, units, money));
        add(new DayCategoryCounters(day, category, orders, units, money, 0, 0));
    }

    /**
     * One counted order's totals: exactly {@code add(new CustomerCounters(customerId, orders, money, items, at, at,
     * firstOrderDay, accountCreatedAt, zone, HourHistogram.single(hour, orders)))}, {@code add(new DayCounters(day,
     * orders, money, items, 0, 0, null))} and {@code add(new DayCountryCounters(day, country, orders, money, 0, 0))},
     * in that order, which is what this default does; a sink that folds increments into rows may override it as
     * {@link #addLine}.
     *
     * @throws IllegalArgumentException if {@code hour} is not 0..23
     */
    default void addOrder(
            String customerId,
            LocalDate day,
            String country,
            int hour,
            long orders,
            long money,
            long items,
            Instant at,
            LocalDate firstOrderDay,
            Instant accountCreatedAt,
            String zone) {
        add(new CustomerCounters(
                customerId,
                orders,
                money,
                items,
                at,
                at,
                firstOrderDay,
                accountCreatedAt,
                zone,
                HourHistogram.single(hour, orders)));
        add(new DayCounters(day, orders, money, items, 0, 0, null));
        add(new DayCountryCounters(day, country, orders, money, 0, 0));
    }

    /**
     * A sink that hands every increment, whatever its kind, to {@code each} (in the order they are added), for code
     * that treats all rows alike. Not thread-safe beyond what {@code each} is.
     */
    static CounterSink each(Consumer<? super Counters> each) {
        return new EachCounter(java.util.Objects.requireNonNull(each, "each"));
    }
}
