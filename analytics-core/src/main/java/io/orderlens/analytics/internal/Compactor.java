package io.orderlens.analytics.internal;

import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ledger compaction: raises the retention horizon, then moves every entry the horizon made final
 * ({@link Retention#isFinal}) out of the ledger and into the store's baseline, in store batches of at most
 * {@code batchSize} entries. The aggregates do not change. Idempotent: a second run with the same horizon finds
 * nothing left; a run interrupted by a failure leaves at most one half-applied batch, which {@code recover()} (or
 * the next write) finishes, and a new run compacts the rest. Memory is bounded by {@code keysPerPass} entries.
 * Thread-safe; runs concurrently with writes (an entry a writer changes meanwhile is skipped).
 */
public final class Compactor {
    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final AnalyticsStore store;
    private final Engine engine;
    private final Clock clock;
    private final int batchSize;
    private final int keysPerPass;
    private final int maxConflictRounds;

    public Compactor(
            AnalyticsStore store, Engine engine, Clock clock, int batchSize, int keysPerPass, int maxConflictRounds) {
        if (batchSize < 1 || keysPerPass < batchSize) {
            throw new IllegalArgumentException(
                    "need 1 <= batchSize <= keysPerPass, got " + batchSize + " and " + keysPerPass);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSize = batchSize;
        this.keysPerPass = keysPerPass;
        this.maxConflictRounds = maxConflictRounds;
    }

    /**
     * Raises the horizon to {@code olderThan} (it never moves back) and compacts every entry final under it.
     *
     * @throws IllegalArgumentException if {@code olderThan} is after the clock's now
     * @throws io.orderlens.analytics.StoreException if the store keeps failing; run it again after recovery
     */
    public CompactionReport compact(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        Instant now = clock.instant();
        if (olderThan.isAfter(now)) {
            throw new IllegalArgumentException(
                    "compaction horizon must not be in the future, got " + olderThan + " at " + now);
        }
        Instant horizon = raiseHorizon(olderThan);
        long compacted = 0;
        long skipped = 0;
        long batches = 0;
        Set<String> skippedKeys = new HashSet<>();
        while (true) {
            List<LedgerEntry> found = finalEntries(horizon, skippedKeys);
            for (int from = 0; from < found.size(); from += batchSize) {
                List<LedgerEntry> chunk = found.subList(from, Math.min(found.size(), from + batchSize));
                // the entries as the scan read them: the store's compare-and-set on each expected version rejects
                // an entry a writer changed since, which then stays in the ledger for a later run
                List<LedgerChange> changes = new ArrayList<>(chunk.size());
                for (LedgerEntry e : chunk) {
                    changes.add(new LedgerChange(e, e.withVersion(e.version() + 1), Contributions.change(null, e)));
                }
                ApplyResult result = engine.compact(changes);
                batches++;
                compacted += changes.size() - result.conflicts().size();
                skipped += result.conflicts().size();
                skippedKeys.addAll(result.conflicts());
            }
            if (found.size() < keysPerPass) {
                break;
            }
        }
        log.info(
                "compacted {} ledger entries settled before {} in {} batches; {} skipped (changed by a writer or claimed by"
                        + " another compaction since the scan) and left to a later run",
                compacted,
                horizon,
                batches,
                skipped);
        return new CompactionReport(horizon, compacted, skipped, batches);
    }

    /**
     * Up to {@code keysPerPass} final entries, from one pass over the ledger, ordered by customer and then by key: a
     * batch then holds many entries of few customers, whose contributions to the per-customer rows merge into fewer
     * baseline writes.
     */
    private List<LedgerEntry> finalEntries(Instant horizon, Set<String> skip) {
        List<Found> found = new ArrayList<>();
        store.forEachLedgerEntry(e -> {
            if (found.size() < keysPerPass && Retention.isFinal(e, horizon) && !skip.contains(e.key())) {
                found.add(new Found(customerOf(e), e));
            }
        });
        found.sort(Found::compareTo);
        List<LedgerEntry> entries = new ArrayList<>(found.size());
        for (Found f : found) {
            entries.add(f.entry());
        }
        return entries;
    }

    /** A final entry and its customer, ordered by customer and then by key. */
    private record Found(String customer, LedgerEntry entry) implements Comparable<Found> {
        @Override
        public int compareTo(Found other) {
            int byCustomer = customer.compareTo(other.customer);
            return byCustomer != 0 ? byCustomer : entry.key().compareTo(other.entry.key());
        }
    }

    private static String customerOf(LedgerEntry e) {
        if (e.order() != null) {
            return e.order().customerId();
        }
        String customer = e.refunds().isEmpty() ? null : e.refunds().get(0).customerId();
        return customer == null ? "" : customer;
    }

    /** Moves the stored horizon forward to {@code to} (compare-and-set); returns the horizon now in force. */
    private Instant raiseHorizon(Instant to) {
        for (int round = 0; round < maxConflictRounds; round++) {
            LedgerEntry h = engine.readLedger(Set.of(LedgerEntry.HORIZON)).get(LedgerEntry.HORIZON);
            if (h != null && !h.updatedAt().isBefore(to)) {
                return h.updatedAt();
            }
            LedgerEntry next = LedgerEntry.ofHorizon(h == null ? 1 : h.version() + 1, to);
            ApplyResult r = engine.applyChanges(List.of(new LedgerChange(h, next, Effect.NONE)));
            if (r.conflicts().isEmpty()) {
                log.info("retention horizon raised to {}", to);
                return to;
            }
        }
        throw new ConcurrentUpdateException(
                "the retention horizon kept changing under concurrent writers for " + maxConflictRounds + " attempts");
    }
}
