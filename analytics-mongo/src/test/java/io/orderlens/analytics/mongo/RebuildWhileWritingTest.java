package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rebuild on MongoDB waits for, and holds off, the writes of its instance: none is lost. */
class RebuildWhileWritingTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void rebuildsBetweenConcurrentWritesLoseNothing() throws Exception {
        MongoAnalyticsStore store = MongoAnalyticsStore.create(mongo.freshDatabase());
        Analytics analytics = analyticsOver(store).build();
        List<List<List<OrderEvent>>> streams = List.of( // one per writer: each order's events stay in order
                EventStream.batches(EventStream.events(3, 60), 3, 4),
                EventStream.batches(EventStream.events(4, 60), 4, 4));
        InMemoryAnalyticsStore referenceStore = new InMemoryAnalyticsStore();
        Analytics reference = analyticsOver(referenceStore).build();
        streams.forEach(batches -> batches.forEach(reference::recordAll));

        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (List<List<OrderEvent>> batches : streams) {
            writers.add(new Thread(() -> {
                try {
                    batches.forEach(analytics::recordAll);
                } catch (RuntimeException | Error e) {
                    failure.set(e);
                }
            }));
        }
        writers.forEach(Thread::start);
        int rebuilds = 0;
        while (writers.stream().anyMatch(Thread::isAlive)) {
            analytics.rebuild();
            rebuilds++;
        }
        for (Thread w : writers) {
            w.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(rebuilds).isPositive();
        assertThat(analytics.verify().drifts()).isEmpty();
        assertThat(store.snapshot().withoutZeros())
                .isEqualTo(referenceStore.snapshot().withoutZeros());
        analytics.close();
        reference.close();
    }
}
