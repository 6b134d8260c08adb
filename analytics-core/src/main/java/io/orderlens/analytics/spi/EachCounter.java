package io.orderlens.analytics.spi;

import java.util.function.Consumer;

/** The sink of {@link CounterSink#each}: every increment, whatever its kind, goes to one consumer. */
final class EachCounter implements CounterSink {
    private final Consumer<? super Counters> each;

    EachCounter(Consumer<? super Counters> each) {
        this.each = each;
    }

    private CounterSink accept(Counters c) {
        each.accept(c);
        return this;
    }

    @Override
    public CounterSink add(ProductCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(CustomerCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(CustomerProductCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(CustomerCategoryCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(CategoryCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(DayCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(DayCountryCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(ExperimentCustomerCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(FunnelCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(CustomerDayCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(ExperimentVariationCounters c) {
        return accept(c);
    }

    @Override
    public CounterSink add(DayCategoryCounters c) {
        return accept(c);
    }
}
