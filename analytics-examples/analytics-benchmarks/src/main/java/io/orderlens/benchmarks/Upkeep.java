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

    /** One write-path replay's rate in events per second, with ({@code true}) or without the upkeep. */
    @FunctionalInterface
    interface Replay {
        double rate(boolean upkeep);
    }

    /** Rates with and without the upkeep, and their ratio per pair of replays. */
    record Rates(Series on, Series off, Series ratio) {}

    /**
     * Runs {@code runs + 1} pairs of replays, one with and one without the upkeep, alternating which goes first; the
     * first pair is a warm-up and is left out.
     */
    static Rates alternate(int runs, Replay replay) {
        Rates rates = new Rates(new Series(), new Series(), new Series());
        for (int run = 0; run <= runs; run++) {
            boolean onFirst = run % 2 == 0;
            double first = replay.rate(onFirst);
            double second = replay.rate(!onFirst);
            double rateOn = onFirst ? first : second;
            double rateOff = onFirst ? second : first;
            if (run > 0) {
                rates.on().add(rateOn);
                rates.off().add(rateOff);
                rates.ratio().add(rateOn / rateOff);
            }
        }
        return rates;
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
