package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NearCacheTest {
    private static final long NOW = 1_000;
    private static final long LATER = 2_000;

    @Test
    void evictsTheLeastRecentlyUsedEntriesUntilTheTotalWeightFitsTheBound() {
        NearCache near = new NearCache(300);
        near.put("a", "A", 100, LATER);
        near.put("b", "B", 100, LATER);
        near.put("c", "C", 100, LATER);
        assertThat(near.get("a", NOW)).isEqualTo("A"); // b is now the least recently used

        near.put("d", "D", 150, LATER);

        assertThat(near.get("b", NOW)).isNull();
        assertThat(near.get("c", NOW)).isNull();
        assertThat(near.get("a", NOW)).isEqualTo("A");
        assertThat(near.get("d", NOW)).isEqualTo("D");
        assertThat(near.bytes()).isEqualTo(250);
        assertThat(near.size()).isEqualTo(2);
        assertThat(near.evictions()).isEqualTo(2);
    }

    @Test
    void replacingAnEntryCountsOnlyItsNewWeight() {
        NearCache near = new NearCache(300);
        near.put("a", "A1", 200, LATER);
        near.put("a", "A2", 250, LATER);

        assertThat(near.get("a", NOW)).isEqualTo("A2");
        assertThat(near.bytes()).isEqualTo(250);
        assertThat(near.evictions()).isZero();
    }

    @Test
    void aValueHeavierThanTheWholeBoundIsNotKeptAndEvictsNothing() {
        NearCache near = new NearCache(300);
        near.put("a", "A", 100, LATER);

        near.put("huge", "H", 301, LATER);

        assertThat(near.get("huge", NOW)).isNull();
        assertThat(near.get("a", NOW)).isEqualTo("A");
        assertThat(near.bytes()).isEqualTo(100);
    }

    @Test
    void anEntryIsNotReturnedFromItsDeadlineOnAndIsThenRemoved() {
        NearCache near = new NearCache(300);
        near.put("a", "A", 100, LATER);

        assertThat(near.get("a", LATER - 1)).isEqualTo("A");
        assertThat(near.get("a", LATER)).isNull();
        assertThat(near.size()).isZero();
        assertThat(near.bytes()).isZero();
        assertThat(near.evictions()).as("expiry is not eviction").isZero();
    }

    @Test
    void weightIsTwiceTheJsonLengthPlusTheKeyAndAFixedOverhead() {
        assertThat(NearCache.weight("k".repeat(40), 1000)).isEqualTo(2 * 1000 + 40 + NearCache.ENTRY_OVERHEAD);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new NearCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void concurrentPutsAndGetsNeverExceedTheBound() throws Exception {
        long bound = 10_000;
        NearCache near = new NearCache(bound);
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> maxSeen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                maxSeen.add(pool.submit(() -> {
                    go.await();
                    long max = 0;
                    for (int i = 0; i < 5_000; i++) {
                        String key = "k" + ((i * 7 + thread) % 500);
                        near.put(key, key, 50 + (i % 200), LATER);
                        near.get("k" + (i % 500), NOW);
                        max = Math.max(max, near.bytes());
                    }
                    return max;
                }));
            }
            go.countDown();
            for (Future<Long> f : maxSeen) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isLessThanOrEqualTo(bound);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(near.bytes()).isPositive().isLessThanOrEqualTo(bound);
    }
}
