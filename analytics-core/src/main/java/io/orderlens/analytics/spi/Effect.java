package io.orderlens.analytics.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The signed counter increments one ledger change causes, in the order the engine produced them (a reversal before
 * the new contribution, so a sink that keeps the latest label keeps the new one). Computed by the engine and handed
 * to the store inside the batch; a store applies it as given and never computes it. Immutable and thread-safe.
 *
 * <p>An effect is either held as data ({@link #of}, {@link #builder}) or {@link #deferred}: produced by a pure
 * function each time it is walked, so that a store that folds increments straight into its rows
 * ({@link #forEach}) never has them built as a list. {@link #increments()}, {@link #isEmpty()}, {@code equals},
 * {@code hashCode} and {@code toString} build the list once and keep it; {@link #forEach} walks that list once it is
 * built, and runs the function otherwise. Both forms are equal when their increments are.
 */
public final class Effect {
    /** The effect of a change that moves no counter. */
    public static final Effect NONE = new Effect(new Counters[0], 0);

    /**
     * The increments of a {@link #deferred} effect, produced on demand. Must be pure: every call hands the same
     * increments in the same order, and does not throw; it may be called from any thread.
     */
    @FunctionalInterface
    public interface Source {
        /** Hands every increment to {@code sink}, in order. */
        void addTo(CounterSink sink);
    }

    /** The increments as data: the first {@code size} slots of {@code increments}. */
    private record Built(Counters[] increments, int size) {}

    /** Null for an effect held as data. */
    private final Source source;
    /** The increments once built; set at construction for an effect held as data. */
    private volatile Built built;

    private Effect(Counters[] increments, int size) {
        this.source = null;
        this.built = new Built(increments, size);
    }

    private Effect(Source source) {
        this.source = source;
    }

    /** An effect of exactly {@code increments}, in this order (copied). */
    public static Effect of(List<? extends Counters> increments) {
        if (increments.isEmpty()) {
            return NONE;
        }
        Counters[] copy = increments.toArray(new Counters[0]);
        return new Effect(copy, copy.length);
    }

    /**
     * An effect whose increments {@code source} produces each time it is walked and not yet built (see
     * {@link Source} for what it must promise); nothing is computed here.
     */
    public static Effect deferred(Source source) {
        return new Effect(Objects.requireNonNull(source, "source"));
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
        Built b = built;
        if (b == null) {
            source.addTo(sink);
            return;
        }
        Counters[] increments = b.increments();
        for (int i = 0, n = b.size(); i < n; i++) {
            increments[i].addTo(sink);
        }
    }

    /** The increments, in order (an unmodifiable view). */
    public List<Counters> increments() {
        Built b = built();
        return Collections.unmodifiableList(Arrays.asList(b.increments()).subList(0, b.size()));
    }

    public boolean isEmpty() {
        return built().size() == 0;
    }

    /** The increments as data, built from the source on the first call (racing callers build equal arrays). */
    private Built built() {
        Built b = built;
        if (b == null) {
            Builder collected = new Builder(16);
            source.addTo(collected);
            b = new Built(collected.increments, collected.size);
            built = b;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Effect e)) {
            return false;
        }
        Built mine = built();
        Built theirs = e.built();
        return Arrays.equals(mine.increments(), 0, mine.size(), theirs.increments(), 0, theirs.size());
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
