package io.orderlens.analytics.redis;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The real in-memory store, counting the reads that start a query's load. */
final class CountingStore extends ForwardingAnalyticsStore {
    final AtomicInteger productReads = new AtomicInteger();
    final AtomicInteger customerReads = new AtomicInteger();
    final AtomicInteger dayReads = new AtomicInteger();

    CountingStore() {
        super(new InMemoryAnalyticsStore());
    }

    @Override
    public <T extends Counters> Optional<T> get(Aggregate<T> aggregate, String key) {
        if (aggregate == Aggregate.PRODUCTS) {
            productReads.incrementAndGet();
        } else if (aggregate == Aggregate.CUSTOMERS) {
            customerReads.incrementAndGet();
        }
        return delegate().get(aggregate, key);
    }

    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        if (aggregate == Aggregate.DAYS) {
            dayReads.incrementAndGet();
        }
        delegate().scan(aggregate, scan, visitor);
    }
}
