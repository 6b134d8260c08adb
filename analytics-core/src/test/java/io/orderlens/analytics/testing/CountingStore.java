package io.orderlens.analytics.testing;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real store (the in-memory one unless given another) that counts the calls a test wants to see: the keyed reads
 * that start a query's load, ledger reads and batch applies. Thread-safe if the delegate is.
 */
public final class CountingStore extends ForwardingAnalyticsStore {
    public final AtomicInteger productReads = new AtomicInteger();
    public final AtomicInteger customerReads = new AtomicInteger();
    public final AtomicInteger dayReads = new AtomicInteger();
    public final AtomicInteger ledgerReads = new AtomicInteger();
    public final AtomicInteger applies = new AtomicInteger();

    public CountingStore() {
        this(new InMemoryAnalyticsStore());
    }

    public CountingStore(AnalyticsStore delegate) {
        super(delegate);
    }

    /** Counts a keyed read of a product or a customer, the read that starts its query's load. */
    @Override
    public <T extends Counters> Optional<T> get(Aggregate<T> aggregate, String key) {
        if (aggregate == Aggregate.PRODUCTS) {
            productReads.incrementAndGet();
        } else if (aggregate == Aggregate.CUSTOMERS) {
            customerReads.incrementAndGet();
        }
        return delegate().get(aggregate, key);
    }

    /** Counts a scan of the days, the read that starts a daily query's load. */
    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        if (aggregate == Aggregate.DAYS) {
            dayReads.incrementAndGet();
        }
        delegate().scan(aggregate, scan, visitor);
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        ledgerReads.incrementAndGet();
        return delegate().ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        applies.incrementAndGet();
        return delegate().apply(batch);
    }
}
