package io.orderlens.analytics.spi;

import java.util.List;
import java.util.Set;

/**
 * What the engine hands a store in one call: ledger changes for distinct keys, each carrying its own effect.
 *
 * @param batchId unique id of this batch; a store uses it to make a replayed batch a no-op
 * @param changes at most one change per ledger key
 */
public record StoreBatch(String batchId, List<LedgerChange> changes) {
    public StoreBatch {
        if (batchId == null || batchId.isBlank()) {
            throw new IllegalArgumentException("batchId must not be blank");
        }
        changes = List.copyOf(changes);
    }

    /** The merged effect of every change whose key is not in {@code excluded}. */
    public Delta delta(Set<String> excluded) {
        Delta d = new Delta();
        addTo(d, excluded);
        return d;
    }

    /**
     * Feeds the effect of every change whose key is not in {@code excluded} into {@code sink}, in batch order,
     * without building a merged {@link Delta}: for stores that fold increments straight into their aggregates.
     */
    public void addTo(CounterSink sink, Set<String> excluded) {
        boolean all = excluded.isEmpty();
        for (LedgerChange c : changes) {
            if (all || !excluded.contains(c.key())) {
                c.effect().forEach(sink);
            }
        }
    }
}
