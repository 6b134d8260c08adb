package io.orderlens.analytics.spi;

/**
 * One row of commutative counters of one aggregate kind: used both as a signed increment and as the stored total.
 * The implementations are the aggregate kinds of {@link Aggregate}.
 */
public sealed interface Counters
        permits ProductCounters,
                CustomerCounters,
                CustomerProductCounters,
                CustomerCategoryCounters,
                CategoryCounters,
                DayCounters,
                DayCountryCounters,
                ExperimentCustomerCounters,
                FunnelCounters,
                CustomerDayCounters,
                ExperimentVariationCounters,
                DayCategoryCounters {

    /** Hands this row to the {@code add} overload of {@code sink} for its kind. */
    void addTo(CounterSink sink);
}
