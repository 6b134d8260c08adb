package io.orderlens.analytics.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The signed counter increments one ledger change causes, in the order the engine produced them (a reversal before
 * the new contribution, so a sink that keeps the latest label keeps the new one). Computed once by the engine and
 * handed to the store inside the batch; a store applies it as given and never computes it. Immutable and
 * thread-safe.
 */
public final class Effect {
    /** The effect of a change that moves no counter. */
    public static final Effect NONE = new Effect(List.of());

    private final List<Counters> increments;

    private Effect(List<Counters> increments) {
        this.increments = increments;
    }

    /** An effect of exactly {@code increments}, in this order. */
    public static Effect of(List<? extends Counters> increments) {
        return increments.isEmpty() ? NONE : new Effect(List.copyOf(increments));
    }

    /** A collector for the increments of one effect; not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** Hands every increment to {@code sink}, in order. */
    public void forEach(CounterSink sink) {
        for (Counters c : increments) {
            c.addTo(sink);
        }
    }

    /** The increments, in order. */
    public List<Counters> increments() {
        return increments;
    }

    public boolean isEmpty() {
        return increments.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Effect e && increments.equals(e.increments);
    }

    @Override
    public int hashCode() {
        return increments.hashCode();
    }

    @Override
    public String toString() {
        return "Effect" + increments;
    }

    /** Collects increments as a {@link CounterSink}; {@link #build()} freezes them. */
    public static final class Builder implements CounterSink {
        private final List<Counters> increments = new ArrayList<>();

        private Builder() {}

        private Builder collect(Counters c) {
            increments.add(c);
            return this;
        }

        @Override
        public Builder add(ProductCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(CustomerCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(CustomerProductCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(CustomerCategoryCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(CategoryCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(DayCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(DayCountryCounters c) {
            return collect(c);
        }

        public Effect build() {
            return Effect.of(increments);
        }
    }
}
