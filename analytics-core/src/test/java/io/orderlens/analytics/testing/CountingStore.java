package io.orderlens.analytics.testing;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Override
    public Optional<ProductCounters> product(String productId) {
        productReads.incrementAndGet();
        return delegate().product(productId);
    }

    @Override
    public Optional<CustomerCounters> customer(String customerId) {
        customerReads.incrementAndGet();
        return delegate().customer(customerId);
    }

    @Override
    public List<DayCounters> days(LocalDate from, LocalDate to) {
        dayReads.incrementAndGet();
        return delegate().days(from, to);
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
