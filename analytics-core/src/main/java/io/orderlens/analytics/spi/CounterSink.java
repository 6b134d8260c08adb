package io.orderlens.analytics.spi;

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
     * A sink that hands every increment, whatever its kind, to {@code each} (in the order they are added), for code
     * that treats all rows alike. Not thread-safe beyond what {@code each} is.
     */
    static CounterSink each(Consumer<? super Counters> each) {
        return new EachCounter(java.util.Objects.requireNonNull(each, "each"));
    }
}
