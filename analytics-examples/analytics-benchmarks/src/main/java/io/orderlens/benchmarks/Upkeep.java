package io.orderlens.benchmarks;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the store a copy of each batch, with or without the increments of one kind of counter, so that a benchmark
 * can time the write path with and without that counter's upkeep. Both sides pay the same copy.
 */
final class Upkeep extends ForwardingAnalyticsStore {
    private final Class<? extends Counters> kind;
    private final boolean keep;

    /**
     * @param kind the counters to strip when {@code keep} is false
     * @param keep whether the store receives them
     */
    Upkeep(AnalyticsStore delegate, Class<? extends Counters> kind, boolean keep) {
        super(delegate);
        this.kind = kind;
        this.keep = keep;
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        List<LedgerChange> changes = new ArrayList<>(batch.changes().size());
        for (LedgerChange c : batch.changes()) {
            List<Counters> increments = c.effect().increments();
            List<Counters> kept = new ArrayList<>(increments.size());
            for (Counters x : increments) {
                if (keep || !kind.isInstance(x)) {
                    kept.add(x);
                }
            }
            changes.add(new LedgerChange(c.before(), c.after(), Effect.of(kept)));
        }
        return delegate().apply(new StoreBatch(batch.batchId(), changes));
    }
}
