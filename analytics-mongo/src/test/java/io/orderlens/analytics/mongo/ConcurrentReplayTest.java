package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.EngineChanges;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two writers applying the same batch at the same moment to the same documents apply it once. */
class ConcurrentReplayTest {
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final int ROUNDS = 150;

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final EngineChanges engineChanges = new EngineChanges(ZONE, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theSameBatchAppliedByTwoThreadsAtOnceCountsOnceEveryTime() throws Exception {
        String database = InProcessMongo.freshDatabaseName();
        // two instances with their own clients, as two hosts replaying the same batch
        MongoAnalyticsStore one = MongoAnalyticsStore.create(mongo.client().getDatabase(database));
        MongoAnalyticsStore two = MongoAnalyticsStore.create(mongo.client().getDatabase(database));
        InMemoryAnalyticsStore reference = new InMemoryAnalyticsStore();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                StoreBatch batch = new StoreBatch("b-" + round, orders(round));
                assertThat(reference.apply(batch).conflicts()).isEmpty();
                Future<ApplyResult> a = pool.submit(() -> {
                    together.await();
                    return one.apply(batch);
                });
                Future<ApplyResult> b = pool.submit(() -> {
                    together.await();
                    return two.apply(batch);
                });
                assertThat(a.get(30, TimeUnit.SECONDS).conflicts())
                        .as("round %d", round)
                        .isEmpty();
                assertThat(b.get(30, TimeUnit.SECONDS).conflicts())
                        .as("round %d", round)
                        .isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(one.snapshot().withoutZeros()).isEqualTo(reference.snapshot().withoutZeros());
        assertThat(one.get(Aggregate.PRODUCTS, "p-hot").orElseThrow().units())
                .isEqualTo(
                        reference.get(Aggregate.PRODUCTS, "p-hot").orElseThrow().units());
    }

    /** Three new orders per round, all on the same hot product, customer, category and day. */
    private List<LedgerChange> orders(int round) {
        List<LedgerChange> changes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Order o = new Order(
                    "o-" + round + "-" + i,
                    Customer.of("c-hot"),
                    NOW,
                    List.of(
                            LineItem.of("p-hot", null, "cat", 1 + (round + i) % 4, "1.10"),
                            LineItem.of("p-" + round % 7, null, "cat-" + i, 2, "0.35")),
                    "DE");
            changes.add(engineChanges.of(null, OrderEvent.delivered(o, NOW)));
        }
        return changes;
    }
}
