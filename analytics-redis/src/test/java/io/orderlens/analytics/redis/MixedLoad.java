package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.CustomerProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Concurrent writers and readers spread over several {@link Analytics} instances that share one store and one Redis,
 * checking the never-stale rule: a read started after a write completed never returns data older than that write.
 * Each write waits for two reader rounds, so reads and writes interleave from the first write to the last.
 */
final class MixedLoad {
    static final int WRITERS = 3;
    static final int READERS = 3;
    private static final int CUSTOMERS = 10;
    private static final int PRODUCTS = 6;

    /**
     * What the readers saw; {@code slowestRoundMillis} is, per reader, its slowest round of three reads (a figure to
     * print, not to assert on).
     */
    record Outcome(List<String> staleReads, int reads, int writes, List<Long> slowestRoundMillis) {}

    private MixedLoad() {}

    /**
     * Runs {@link #WRITERS} writers, writer {@code w} recording {@code ordersPerWriter} orders through instance
     * {@code w % instances.size()}, and {@link #READERS} readers reading customers, products and the dashboard of
     * {@code day} through instance {@code r % instances.size()}, until the writers are done. {@code halfway} runs once,
     * on the writer that completes the middle write, while the others go on.
     *
     * @throws Exception the first exception of a writer or reader (a read that throws is a failed read)
     */
    static Outcome run(List<Analytics> instances, int ordersPerWriter, Instant t0, LocalDate day, Runnable halfway)
            throws Exception {
        return run(instances, instances, ordersPerWriter, t0, day, halfway);
    }

    /** As above, writer {@code w} writing through {@code writing.get(w % size)}, reader {@code r} reading through
     * {@code reading.get(r % size)}. */
    static Outcome run(
            List<Analytics> writing,
            List<Analytics> reading,
            int ordersPerWriter,
            Instant t0,
            LocalDate day,
            Runnable halfway)
            throws Exception {
        int total = WRITERS * ordersPerWriter;
        Semaphore readerRounds = new Semaphore(0);
        AtomicLongArray completedByCustomer = new AtomicLongArray(CUSTOMERS);
        AtomicLongArray completedByProduct = new AtomicLongArray(PRODUCTS);
        AtomicInteger completedTotal = new AtomicInteger();
        AtomicBoolean writersBusy = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        AtomicLongArray slowestRound = new AtomicLongArray(READERS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Analytics through = writing.get(w % writing.size());
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < ordersPerWriter; i++) {
                        if (!readerRounds.tryAcquire(2, 60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("readers stopped reading");
                        }
                        int c = ThreadLocalRandom.current().nextInt(CUSTOMERS);
                        int p = ThreadLocalRandom.current().nextInt(PRODUCTS);
                        through.record(
                                placed("o-" + writer + "-" + i, "c-" + c, "p-" + p, 1, "1.25", t0.plusSeconds(i)));
                        completedByCustomer.incrementAndGet(c);
                        completedByProduct.incrementAndGet(p);
                        if (completedTotal.incrementAndGet() == total / 2) {
                            halfway.run();
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                AnalyticsQueries q = reading.get(r % reading.size()).queries();
                tasks.add(pool.submit(() -> {
                    start.await();
                    while (writersBusy.get()) {
                        long roundStarted = System.nanoTime();
                        int c = ThreadLocalRandom.current().nextInt(CUSTOMERS);
                        long before = completedByCustomer.get(c);
                        long seen = q.customer("c-" + c)
                                .map(CustomerProfile::totalOrders)
                                .orElse(0L);
                        if (seen < before) {
                            stale.add("customer c-" + c + ": " + seen + " orders after " + before + " writes");
                        }
                        int p = ThreadLocalRandom.current().nextInt(PRODUCTS);
                        before = completedByProduct.get(p);
                        seen = q.product("p-" + p).map(s -> s.unitsSold()).orElse(0L);
                        if (seen < before) {
                            stale.add("product p-" + p + ": " + seen + " units after " + before + " writes");
                        }
                        before = completedTotal.get();
                        seen = q.dashboard(day, day).orders();
                        if (seen < before) {
                            stale.add("dashboard: " + seen + " orders after " + before + " writes");
                        }
                        reads.addAndGet(3);
                        long roundMillis = (System.nanoTime() - roundStarted) / 1_000_000;
                        slowestRound.accumulateAndGet(reader, roundMillis, Math::max);
                        readerRounds.release();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int w = 0; w < WRITERS; w++) {
                tasks.get(w).get(120, TimeUnit.SECONDS);
            }
            writersBusy.set(false);
            for (Future<?> t : tasks) {
                t.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writersBusy.set(false);
            pool.shutdownNow();
        }
        List<Long> slowest = new ArrayList<>(READERS);
        for (int r = 0; r < READERS; r++) {
            slowest.add(slowestRound.get(r));
        }
        return new Outcome(List.copyOf(stale), reads.get(), completedTotal.get(), List.copyOf(slowest));
    }
}
