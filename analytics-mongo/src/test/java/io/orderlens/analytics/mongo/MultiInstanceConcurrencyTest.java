package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import io.orderlens.analytics.spi.Aggregate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several instances of the host, each with its own client, record overlapping orders into one database. */
class MultiInstanceConcurrencyTest {
    private static final int INSTANCES = 4;
    private static final int THREADS_PER_INSTANCE = 4;

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void fourInstancesTimesFourThreadsRecordingOverlappingOrdersGiveExactTotals() throws Exception {
        // placement and delivery commute (a delivery seen first waits for its body), so any interleaving must end
        // in the same state as recording each order once
        List<Order> orders = new ArrayList<>();
        for (OrderEvent e : EventStream.events(21, 150)) {
            if (e.order() != null) {
                orders.add(e.order());
            }
        }
        InMemoryAnalyticsStore referenceStore = new InMemoryAnalyticsStore();
        Analytics reference = analyticsOver(referenceStore).build();
        for (Order o : orders) {
            reference.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(o.orderId(), o.placedAt())));
        }

        String database = InProcessMongo.freshDatabaseName();
        List<Analytics> instances = new ArrayList<>();
        MongoAnalyticsStore first = null;
        for (int i = 0; i < INSTANCES; i++) {
            MongoAnalyticsStore store =
                    MongoAnalyticsStore.create(mongo.client().getDatabase(database));
            first = first == null ? store : first;
            instances.add(analyticsOver(store).build());
        }
        int workers = INSTANCES * THREADS_PER_INSTANCE;
        List<List<OrderEvent>> work = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            work.add(new ArrayList<>());
        }
        Random rnd = new Random(3);
        for (Order o : orders) {
            // every order goes to three workers, each recording its placement and its delivery
            List<Integer> ids = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                ids.add(w);
            }
            Collections.shuffle(ids, rnd);
            for (int k = 0; k < 3; k++) {
                work.get(ids.get(k)).add(OrderEvent.placed(o));
                work.get(ids.get(k)).add(OrderEvent.delivered(o.orderId(), o.placedAt()));
            }
        }
        work.forEach(events -> Collections.shuffle(events, rnd));

        AtomicInteger retriedAfterContention = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Analytics analytics = instances.get(w / THREADS_PER_INSTANCE);
                List<OrderEvent> mine = work.get(w);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < mine.size(); i += 3) {
                        List<OrderEvent> batch = mine.subList(i, Math.min(mine.size(), i + 3));
                        while (true) {
                            try {
                                analytics.recordAll(batch);
                                break;
                            } catch (ConcurrentUpdateException e) {
                                retriedAfterContention.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(first.snapshot().withoutZeros())
                .isEqualTo(referenceStore.snapshot().withoutZeros());
        assertThat(instances.get(0).verify().isClean()).isTrue();
        assertThat(first.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units())
                .isEqualTo(referenceStore
                        .get(Aggregate.PRODUCTS, "p-1")
                        .orElseThrow()
                        .units());
    }
}
