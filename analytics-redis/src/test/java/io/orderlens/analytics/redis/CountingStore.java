package io.orderlens.analytics.redis;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.ProductCounters;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The real in-memory store, counting the reads that start a query's load. */
final class CountingStore extends ForwardingAnalyticsStore {
    final AtomicInteger productReads = new AtomicInteger();
    final AtomicInteger customerReads = new AtomicInteger();
    final AtomicInteger dayReads = new AtomicInteger();

    CountingStore() {
        super(new InMemoryAnalyticsStore());
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
}
