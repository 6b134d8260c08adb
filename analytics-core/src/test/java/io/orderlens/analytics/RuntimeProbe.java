package io.orderlens.analytics;

import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.TestOrders;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Drives the library the way a host does (records synchronously and asynchronously, queries, reads metrics) and
 * returns the events recorded; {@link RuntimeClasspathTest} runs it on a class loader holding only the library and
 * slf4j-api.
 */
public final class RuntimeProbe implements Callable<Long> {
    @Override
    public Long call() {
        long recorded;
        try (Analytics analytics =
                TestOrders.builder(new InMemoryAnalyticsStore()).build()) {
            analytics.recordAll(TestOrders.delivered(0, 3));
            analytics.queries().customer("c-0").orElseThrow();
            recorded = analytics.metrics().recorded();
        }
        try (Analytics analytics = TestOrders.builder(new InMemoryAnalyticsStore())
                .async(AsyncOptions.builder().maxBatchDelay(Duration.ZERO).build())
                .build()) {
            TestOrders.delivered(0, 2).forEach(analytics::submit);
            analytics.flush(Duration.ofSeconds(20));
            recorded += analytics.metrics().applied();
        }
        return recorded;
    }
}
