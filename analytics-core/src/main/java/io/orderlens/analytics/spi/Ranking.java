package io.orderlens.analytics.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An order of the rows of one {@link Aggregate}, declared as sort keys: each names a component of the row record
 * (e.g. {@code units}, {@code productId}) and a direction. The last key must identify a row within the scanned
 * rows, so the order is total and every store returns the same list. Core defines the rankings of the query API;
 * from the keys it derives the comparator used by {@link AnalyticsStore#top}'s bounded-heap default, and a store
 * that pushes top-N down (e.g. as a MongoDB sort document) derives its sort from the same keys. Immutable and
 * thread-safe.
 *
 * @param <T> the row type
 */
public final class Ranking<T extends Counters> {
    /** One sort key: a row component, its direction, and how to compare it ascending. */
    public record Key<T>(String field, boolean descending, Comparator<T> ascending) {
        public Key {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(ascending, "ascending");
        }
    }

    private final String name;
    private final Aggregate<T> aggregate;
    private final List<Key<T>> keys;
    private final Comparator<T> comparator;

    private Ranking(String name, Aggregate<T> aggregate, List<Key<T>> keys) {
        this.name = name;
        this.aggregate = aggregate;
        this.keys = List.copyOf(keys);
        Comparator<T> order = null;
        for (Key<T> k : this.keys) {
            Comparator<T> c = k.descending() ? k.ascending().reversed() : k.ascending();
            order = order == null ? c : order.thenComparing(c);
        }
        this.comparator = order;
    }

    /** Starts a ranking of {@code aggregate}'s rows, called {@code name} (for messages and cache keys). */
    public static <T extends Counters> Builder<T> of(String name, Aggregate<T> aggregate) {
        return new Builder<>(name, aggregate);
    }

    public String name() {
        return name;
    }

    public Aggregate<T> aggregate() {
        return aggregate;
    }

    /** The sort keys, most significant first. */
    public List<Key<T>> keys() {
        return keys;
    }

    /** The order the keys declare: the first row is the top one. */
    public Comparator<T> comparator() {
        return comparator;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects the sort keys; not thread-safe. */
    public static final class Builder<T extends Counters> {
        private final String name;
        private final Aggregate<T> aggregate;
        private final List<Key<T>> keys = new ArrayList<>();

        private Builder(String name, Aggregate<T> aggregate) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a ranking needs a name");
            }
            this.name = name;
            this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
        }

        public Builder<T> descending(String field, ToLongFunction<T> value) {
            keys.add(new Key<>(field, true, Comparator.comparingLong(value)));
            return this;
        }

        public Builder<T> ascending(String field, ToLongFunction<T> value) {
            keys.add(new Key<>(field, false, Comparator.comparingLong(value)));
            return this;
        }

        public Builder<T> descendingText(String field, Function<T, String> value) {
            keys.add(new Key<>(field, true, Comparator.comparing(value)));
            return this;
        }

        /** An ascending key on a text component (an id); the usual last key. */
        public Builder<T> ascendingText(String field, Function<T, String> value) {
            keys.add(new Key<>(field, false, Comparator.comparing(value)));
            return this;
        }

        /**
         * The ranking.
         *
         * @throws IllegalStateException if no key was declared
         */
        public Ranking<T> build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("ranking " + name + " needs at least one sort key");
            }
            return new Ranking<>(name, aggregate, keys);
        }
    }
}
