package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Top lists over every row of an aggregate that is stored by key (products, customers, categories), kept so that
 * asking for a list again ranks the rows of the last list and the rows written since, instead of every row.
 *
 * <p>Once a list of an aggregate has been asked for, every write of a row of that aggregate appends the row's key to
 * the aggregate's change log (at most {@value #LOG_CAPACITY} keys; a full log starts over and the lists older than it
 * are recomputed). A remembered list holds its rows in order and the log position it was computed at. Every row that
 * is neither in it nor written since ranks after its last row, so the first {@code limit} of (its rows not written
 * since + the rows written since, as they are now) are exact whenever the last of them still ranks at or before that
 * last row; otherwise, or after more than {@code 4 × limit + 1,024} writes, the list is computed again from every row
 * with a heap of {@code limit} rows. At most {@value #MAX_LISTS} lists of at most {@value #MAX_LIMIT} rows are kept.
 *
 * <p>Not thread-safe on its own: {@link #written} runs under the store's write lock, {@link #top} under its read lock
 * (readers may run concurrently; the remembered lists are in a concurrent map), {@link #clear} under the write lock.
 */
final class RankedLists {
    static final int MAX_LISTS = 64;
    static final int MAX_LIMIT = 10_000;
    static final int LOG_CAPACITY = 1 << 16;

    /** The keys written since lists of one aggregate are kept, in write order; positions count from the start. */
    private static final class ChangeLog {
        private volatile boolean watched;
        private final List<String> keys = new ArrayList<>();
        /** Position of {@code keys.get(0)}. */
        private long base;

        void append(String key) {
            if (!watched) {
                return;
            }
            if (keys.size() == LOG_CAPACITY) {
                base += keys.size();
                keys.clear();
            }
            keys.add(key);
        }

        long end() {
            return base + keys.size();
        }
    }

    /** A list in ranking order, the log position it is exact at, and whether it holds every row there was. */
    private record Kept<T>(List<T> rows, long position, boolean complete) {}

    private record ListKey(Ranking<?> ranking, int limit) {}

    private final ChangeLog productLog = new ChangeLog();
    private final ChangeLog customerLog = new ChangeLog();
    private final ChangeLog categoryLog = new ChangeLog();
    private final Map<Aggregate<?>, ChangeLog> logs = Map.of(
            Aggregate.PRODUCTS, productLog,
            Aggregate.CUSTOMERS, customerLog,
            Aggregate.CATEGORIES, categoryLog);
    private final Map<ListKey, Kept<?>> kept = new ConcurrentHashMap<>();

    /** Whether {@link #top} keeps lists of {@code aggregate} at {@code limit}. */
    boolean keeps(Aggregate<?> aggregate, int limit) {
        return logs.containsKey(aggregate) && limit <= MAX_LIMIT;
    }

    /** A row of {@code aggregate} under {@code key} was written. Under the write lock. */
    void written(Aggregate<?> aggregate, String key) {
        ChangeLog log = aggregate == Aggregate.PRODUCTS
                ? productLog
                : aggregate == Aggregate.CUSTOMERS
                        ? customerLog
                        : aggregate == Aggregate.CATEGORIES ? categoryLog : null;
        if (log == null) {
            throw new IllegalArgumentException("no lists are kept of " + aggregate);
        }
        log.append(key);
    }

    /** Forgets every list and log (the rows were replaced). Under the write lock. */
    void clear() {
        kept.clear();
        for (ChangeLog log : logs.values()) {
            log.watched = false;
            log.keys.clear();
            log.base = 0;
        }
    }

    /**
     * The first {@code limit} rows of {@code ranking} over every row. Under the read lock; requires
     * {@link #keeps}{@code (ranking.aggregate(), limit)}.
     *
     * @param get  the current row under a key, or null
     * @param scan visits every row
     */
    <T extends Counters> List<T> top(
            Ranking<T> ranking, int limit, Function<String, T> get, Consumer<Consumer<? super T>> scan) {
        ChangeLog log = logs.get(ranking.aggregate());
        log.watched = true;
        ListKey key = new ListKey(ranking, limit);
        @SuppressWarnings("unchecked")
        Kept<T> last = (Kept<T>) kept.get(key);
        if (last != null && last.position() >= log.base) {
            List<T> list = rerank(ranking, limit, last, log, get);
            if (list != null) {
                remember(key, new Kept<>(list, log.end(), list.size() < limit));
                return list;
            }
        }
        PriorityQueue<T> heap = new PriorityQueue<>(
                Math.min(limit, 1024) + 1, ranking.comparator().reversed());
        scan.accept(row -> {
            if (heap.size() < limit) {
                heap.add(row);
            } else if (ranking.comparator().compare(row, heap.peek()) < 0) {
                heap.poll();
                heap.add(row);
            }
        });
        List<T> sorted = new ArrayList<>(heap);
        sorted.sort(ranking.comparator());
        List<T> list = List.copyOf(sorted);
        remember(key, new Kept<>(list, log.end(), list.size() < limit));
        return list;
    }

    /** The list from {@code last} and the rows written since; null if that cannot be shown exact. */
    private static <T extends Counters> List<T> rerank(
            Ranking<T> ranking, int limit, Kept<T> last, ChangeLog log, Function<String, T> get) {
        int from = (int) (last.position() - log.base);
        if (log.keys.size() - from > 4 * limit + 1_024) {
            return null;
        }
        Set<String> dirty = new HashSet<>(log.keys.subList(from, log.keys.size()));
        Aggregate<T> aggregate = ranking.aggregate();
        List<T> candidates = new ArrayList<>(last.rows().size() + dirty.size());
        for (T row : last.rows()) {
            if (!dirty.contains(aggregate.keyOf(row))) {
                candidates.add(row);
            }
        }
        for (String k : dirty) {
            T row = get.apply(k);
            if (row != null) {
                candidates.add(row);
            }
        }
        Comparator<T> order = ranking.comparator();
        candidates.sort(order);
        List<T> list = candidates.size() > limit ? candidates.subList(0, limit) : candidates;
        if (last.complete()) {
            return List.copyOf(list);
        }
        if (list.size() < limit || last.rows().isEmpty()) {
            return null;
        }
        T boundary = last.rows().get(last.rows().size() - 1);
        return order.compare(list.get(limit - 1), boundary) <= 0 ? List.copyOf(list) : null;
    }

    private void remember(ListKey key, Kept<?> list) {
        if (kept.containsKey(key) || kept.size() < MAX_LISTS) {
            kept.put(key, list);
        }
    }
}
