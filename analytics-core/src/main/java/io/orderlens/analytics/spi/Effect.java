package io.orderlens.analytics.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The signed counter increments one ledger change causes, in the order the engine produced them (a reversal before
 * the new contribution, so a sink that keeps the latest label keeps the new one). Computed once by the engine and
 * handed to the store inside the batch; a store applies it as given and never computes it. Immutable and
 * thread-safe.
 */
public final class Effect {
    /** The effect of a change that moves no counter. */
    public static final Effect NONE = new Effect(new Counters[0], 0);

    // the first `size` slots hold the increments; slots after them are unused
    private final Counters[] increments;
    private final int size;

    private Effect(Counters[] increments, int size) {
        this.increments = increments;
        this.size = size;
    }

    /** An effect of exactly {@code increments}, in this order (copied). */
    public static Effect of(List<? extends Counters> increments) {
        if (increments.isEmpty()) {
            return NONE;
        }
        Counters[] copy = increments.toArray(new Counters[0]);
        return new Effect(copy, copy.length);
    }

    /** A collector for the increments of one effect; not thread-safe. */
    public static Builder builder() {
        return new Builder(16);
    }

    /** A collector sized for about {@code expectedIncrements} increments. */
    public static Builder builder(int expectedIncrements) {
        return new Builder(expectedIncrements);
    }

    /** Hands every increment to {@code sink}, in order. */
    public void forEach(CounterSink sink) {
        for (int i = 0; i < size; i++) {
            increments[i].addTo(sink);
        }
    }

    /** The increments, in order (an unmodifiable view). */
    public List<Counters> increments() {
        return Collections.unmodifiableList(Arrays.asList(increments).subList(0, size));
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Effect e && Arrays.equals(increments, 0, size, e.increments, 0, e.size);
    }

    @Override
    public int hashCode() {
        return increments().hashCode();
    }

    @Override
    public String toString() {
        return "Effect" + increments();
    }

    /** Collects increments as a {@link CounterSink}; {@link #build()} freezes them and ends the builder. */
    public static final class Builder implements CounterSink {
        private Counters[] increments;
        private int size;

        private Builder(int expectedIncrements) {
            if (expectedIncrements < 0) {
                throw new IllegalArgumentException(
                        "expected increments must not be negative, got " + expectedIncrements);
            }
            increments = new Counters[Math.max(4, expectedIncrements)];
        }

        private Builder collect(Counters c) {
            if (increments == null) {
                throw new IllegalStateException("this effect was already built");
            }
            if (size == increments.length) {
                increments = Arrays.copyOf(increments, size * 2);
            }
            increments[size++] = c;
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

        @Override
        public Builder add(ExperimentCustomerCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(FunnelCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(CustomerDayCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(ExperimentVariationCounters c) {
            return collect(c);
        }

        @Override
        public Builder add(DayCategoryCounters c) {
            return collect(c);
        }

        /**
         * The effect of the increments collected so far; the builder takes no more.
         *
         * @throws IllegalStateException if it was already built
         */
        public Effect build() {
            if (increments == null) {
                throw new IllegalStateException("this effect was already built");
            }
            // the array is handed over untrimmed: the builder takes no more, so nothing else writes to it
            Counters[] collected = increments;
            increments = null;
            return size == 0 ? NONE : new Effect(collected, size);
        }
    }
}
