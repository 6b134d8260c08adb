package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static io.orderlens.analytics.async.TestOrders.storedUnits;
import static io.orderlens.analytics.async.TestOrders.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ListenerDeliveryTest {
    private final FaultyStore store = new FaultyStore();
    private Analytics analytics;

    @AfterEach
    void close() {
        analytics.close(Duration.ofSeconds(5));
    }

    @Test
    void everyAppliedBatchIsDeliveredWithItsEventsAndTheIdsItTouched() throws Exception {
        CollectingListener listener = new CollectingListener();
        store.holdWrites();
        analytics = builder(store)
                .listener(listener)
                .async(AsyncOptions.builder().maxBatchDelay(Duration.ZERO).build())
                .build();
        List<OrderEvent> events = delivered(0, 20);

        analytics.submit(events.get(0));
        store.awaitWriteEntered();
        events.subList(1, 20).forEach(analytics::submit);
        store.releaseWrites();
        analytics.flush(Duration.ofSeconds(20));
        listener.awaitBatches(2);

        List<AppliedBatch> batches = listener.batches();
        assertThat(batches).extracting(AppliedBatch::events).containsExactly(1, 19);
        assertThat(batches).extracting(AppliedBatch::changes).containsExactly(1, 19);
        Set<String> products = new HashSet<>();
        Set<String> customers = new HashSet<>();
        batches.forEach(b -> {
            products.addAll(b.productIds());
            customers.addAll(b.customerIds());
        });
        Set<String> expectedProducts = new HashSet<>();
        Set<String> expectedCustomers = new HashSet<>();
        for (OrderEvent e : events) {
            e.order().lines().stream().map(LineItem::productId).forEach(expectedProducts::add);
            expectedCustomers.add(e.order().customerId());
        }
        assertThat(products).isEqualTo(expectedProducts);
        assertThat(customers).isEqualTo(expectedCustomers);
    }

    @Test
    void aStuckListenerNeitherStallsWritesNorGrowsMemoryItDropsAndCountsNotifications() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AnalyticsListener slow = new AnalyticsListener() {
            @Override
            public void onBatchApplied(AppliedBatch batch) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        analytics = builder(store).listener(slow).listenerQueueCapacity(4).build();
        List<OrderEvent> events = delivered(0, 50);

        analytics.record(events.get(0));
        assertThat(stuck.await(20, TimeUnit.SECONDS)).isTrue();
        events.subList(1, 50).forEach(analytics::record); // would hang here if writes waited for the listener

        assertThat(storedUnits(store)).isEqualTo(units(events));
        // 49 more batches, at most 4 queued behind the stuck one
        assertThat(analytics.metrics().notificationsDropped()).isGreaterThanOrEqualTo(45);
        release.countDown();
    }

    @Test
    void aThrowingListenerIsContainedAndCountedAndTheOthersStillHearEverything() throws Exception {
        AnalyticsListener throwing = new AnalyticsListener() {
            @Override
            public void onBatchApplied(AppliedBatch batch) {
                throw new IllegalStateException("listener bug");
            }
        };
        CollectingListener healthy = new CollectingListener();
        analytics = builder(store).listener(throwing).listener(healthy).build();
        List<OrderEvent> events = delivered(0, 5);

        events.forEach(analytics::record);
        healthy.awaitBatches(5);

        assertThat(healthy.batches()).hasSize(5);
        assertThat(analytics.metrics().listenerFailures()).isEqualTo(5);
        assertThat(storedUnits(store)).isEqualTo(units(events));
    }

    @Test
    void aListenerIsToldAboutAWriteThatFailedAfterItsRetries() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        int[] reported = new int[1];
        analytics = builder(store)
                .storeAttempts(2)
                .storeBackoff(Duration.ZERO)
                .listener(new AnalyticsListener() {
                    @Override
                    public void onWriteFailed(int events, Throwable error) {
                        reported[0] = events;
                        told.countDown();
                    }
                })
                .build();
        store.failNextWrites(2);

        assertThat(analytics.submit(delivered(1))).isCompletedExceptionally();

        assertThat(told.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(reported[0]).isEqualTo(1);
        assertThat(analytics.metrics().failed()).isEqualTo(1);
        assertThat(analytics.metrics().retried()).isEqualTo(1);
    }
}
