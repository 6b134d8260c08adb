package io.orderlens.analytics.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the ledger and the aggregates live: primitives only. The engine is the only writer and computes every
 * change's effect; the query logic (rankings, tie-breaks, derived fields) is core's. A host reads through the query
 * API. What a new store implements and which contract tests prove it: {@code analytics-core/SPI.md}.
 *
 * <p><b>Contract</b> (checked by the abstract contract suite every implementation extends):
 * <ul>
 *   <li>{@link #apply} applies each change of a batch only if the stored ledger entry still has the change's expected
 *       version (compare-and-set), and then adds exactly the {@link LedgerChange#effect() effects} of the applied
 *       changes to the aggregates, as given. A change that lost the race has no effect and is reported in
 *       {@link ApplyResult#conflicts()}.</li>
 *   <li>Applying the same batch again (same batch id, e.g. a retry after a timeout) changes nothing.</li>
 *   <li>Rows are keyed by {@link Aggregate#keyOf}; increments of one key merge as the row type's {@code plus}.</li>
 *   <li>Implementations are thread-safe and translate their driver's failures into
 *       {@link io.orderlens.analytics.StoreException}.</li>
 * </ul>
 */
public interface AnalyticsStore extends AutoCloseable {

    // ----- ledger -----

    /** The stored ledger entries for {@code keys}; absent keys are missing from the map. */
    Map<String, LedgerEntry> ledger(Collection<String> keys);

    /** Applies a batch; see the class contract. */
    ApplyResult apply(StoreBatch batch);

    /** Visits every ledger entry (order of visit unspecified). Used by verify and rebuild. */
    void forEachLedgerEntry(Consumer<LedgerEntry> visitor);

    /**
     * Finishes batches that a crash left half-applied, if the store can have such batches; returns how many it
     * finished. Idempotent.
     */
    default int recover() {
        return 0;
    }

    // ----- ledger retention -----

    /**
     * Compacts ledger entries: for each change whose stored entry still has {@link LedgerChange#expectedVersion()},
     * removes the entry from the ledger and adds the change's {@link LedgerChange#effect() effect} (the entry's
     * contribution) to the {@link #baseline()}, not to the aggregates, which a compaction leaves unchanged. A change
     * whose entry moved on (or is gone) is reported in {@link ApplyResult#conflicts()} and has no effect. Each change's
     * {@code after} is its entry at the next version with the same content: a store that cannot remove and add in one
     * atomic step may first move the entry to it, so that a concurrent writer's compare-and-set fails. Applying the
     * same batch id again changes nothing; a store that can be interrupted half-way finishes the batch in
     * {@link #recover()}.
     *
     * @throws UnsupportedOperationException if this store keeps no baseline (the default)
     */
    default ApplyResult compact(StoreBatch batch) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support ledger compaction");
    }

    /**
     * The baseline: the summed contributions of every entry {@link #compact} removed from the ledger, as rows keyed
     * like the aggregates (empty if nothing was compacted). The aggregates always equal the baseline plus the
     * contributions of the entries still in the ledger; verify and rebuild read both. Its size is bounded by the
     * number of distinct aggregate rows, not by the number of orders.
     */
    default Delta baseline() {
        return new Delta();
    }

    /**
     * Deletes the rows of {@code aggregate} under {@code keys} from the aggregates and from the baseline; unknown keys
     * are ignored, so a repeated call changes nothing. Used by erasure, for rows whose contributions were moved to
     * another key first (what remains of them is zero).
     *
     * @throws UnsupportedOperationException if this store cannot delete rows (the default)
     */
    default void deleteRows(Aggregate<?> aggregate, Collection<String> keys) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot delete aggregate rows");
    }

    // ----- aggregate reads -----

    /**
     * The stored rows of {@code aggregate} under each of {@code keys}; unknown keys are missing from the map. A store
     * reading over a network reads them in a bounded number of requests (one per chunk of keys), not one by one.
     */
    <T extends Counters> Map<String, T> read(Aggregate<T> aggregate, Collection<String> keys);

    /** The stored row of {@code aggregate} under {@code key}, if any. */
    default <T extends Counters> Optional<T> get(Aggregate<T> aggregate, String key) {
        return Optional.ofNullable(read(aggregate, List.of(key)).get(key));
    }

    /**
     * Visits the stored rows of {@code aggregate} that {@code scan} selects: {@link Scan.Dates} in ascending key
     * order, the others in an unspecified order. The visitor must not call back into the store.
     *
     * @throws IllegalArgumentException if {@code scan} does not apply to {@code aggregate} ({@link Aggregate#check})
     */
    <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor);

    /**
     * The first {@code limit} rows that {@code scan} selects in {@code ranking}'s order. The default scans and keeps
     * a heap of {@code limit} rows (O(n log limit) time, O(limit) memory); a store that can sort on its side (an
     * index) may push it down, and must then return exactly the same list.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code scan} does not apply
     */
    default <T extends Counters> List<T> top(Ranking<T> ranking, Scan scan, int limit) {
        TopN<T> top = new TopN<>(ranking.comparator(), limit);
        scan(ranking.aggregate(), ranking.aggregate().check(scan), top::offer);
        return top.sorted();
    }

    /** Every aggregate row as one snapshot (a delta from zero), for verify and export. The default scans them all. */
    default Delta snapshot() {
        Delta d = new Delta();
        for (Aggregate<?> aggregate : Aggregate.values()) {
            scan(aggregate, Scan.all(), (Counters c) -> c.addTo(d));
        }
        return d;
    }

    // ----- rebuild -----

    /** Replaces every aggregate with {@code aggregates} (rebuild). The ledger is untouched. */
    void replaceAggregates(Delta aggregates);

    /** Releases resources the store owns (not the ones handed to it). */
    @Override
    default void close() {}
}
