package io.orderlens.benchmarks;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Passes every call to another store and counts the calls of the write path ({@code ledger} reads and
 * {@code apply}), the in-memory counterpart of counting database commands. Thread-safe if the delegate is.
 */
final class CountingStore extends ForwardingAnalyticsStore {
    private final LongAdder applies = new LongAdder();
    private final LongAdder ledgerReads = new LongAdder();

    CountingStore(AnalyticsStore delegate) {
        super(delegate);
    }

    /** {@code apply} calls so far. */
    long applies() {
        return applies.sum();
    }

    /** {@code ledger} reads so far. */
    long ledgerReads() {
        return ledgerReads.sum();
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        ledgerReads.increment();
        return delegate().ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        applies.increment();
        return delegate().apply(batch);
    }
}
