package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Scan;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * The rows of one aggregate kind by key, with what its scans need: a key-ordered map for dated kinds (ISO day keys
 * sort as dates), and a per-partition index for partitioned ones. Not thread-safe: the store guards it.
 */
final class Table<T extends Counters> {
    /** Sorts after {@code '|'}, the character that follows the day in a dated key. */
    private static final String AFTER_DAY = "}";

    private final Aggregate<T> aggregate;
    private final Map<String, T> rows;
    private final Map<String, Map<String, T>> partitions;

    Table(Aggregate<T> aggregate) {
        this.aggregate = aggregate;
        this.rows = aggregate.dated() ? new TreeMap<>() : new HashMap<>();
        this.partitions = aggregate.partitioned() ? new HashMap<>() : null;
    }

    T row(String key) {
        return rows.get(key);
    }

    /** Adds {@code increment} to the row of its key; returns the row after. */
    T merge(T increment, BinaryOperator<T> plus) {
        String key = aggregate.keyOf(increment);
        T now = rows.merge(key, increment, plus);
        if (partitions != null) {
            partitions.computeIfAbsent(aggregate.partitionOf(increment), p -> new HashMap<>()).put(key, now);
        }
        return now;
    }

    void scan(Scan scan, Consumer<? super T> visitor) {
        if (scan instanceof Scan.Partition p) {
            partitions.getOrDefault(p.key(), Map.of()).values().forEach(visitor);
        } else if (scan instanceof Scan.Dates d) {
            NavigableMap<String, T> sorted = (NavigableMap<String, T>) rows;
            sorted.subMap(d.from().toString(), true, d.to() + AFTER_DAY, false).values().forEach(visitor);
        } else {
            rows.values().forEach(visitor);
        }
    }

    void clear() {
        rows.clear();
        if (partitions != null) {
            partitions.clear();
        }
    }
}
