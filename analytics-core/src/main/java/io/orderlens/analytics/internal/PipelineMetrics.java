package io.orderlens.analytics.internal;

import io.orderlens.analytics.MetricsSnapshot;
import io.orderlens.analytics.MetricsSnapshot.Percentiles;
import io.orderlens.analytics.spi.CacheStatistics;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The write path's counters: lock-free adders plus two fixed-size rings of the most recent batch sizes and apply
 * latencies for percentiles. Thread-safe; recording never blocks and allocates nothing.
 */
public final class PipelineMetrics {
    final LongAdder recorded = new LongAdder();
    final LongAdder applied = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder batches = new LongAdder();
    private final LongAdder batchedEvents = new LongAdder();
    private final LongAdder applyNanos = new LongAdder();
    final LongAdder listenerFailures = new LongAdder();
    final LongAdder notificationsDropped = new LongAdder();
    private final LongAdder recoveryFailures = new LongAdder();
    private volatile boolean recoveryPending;
    private final Ring batchSizes = new Ring(MetricsSnapshot.WINDOW);
    private final Ring latenciesMicros = new Ring(MetricsSnapshot.WINDOW);
    private volatile IntSupplier queueDepth = () -> 0;
    private volatile IntSupplier parked = () -> 0;

    /** Events accepted into the library. */
    public void recorded(long n) {
        recorded.add(n);
    }

    /** Submits refused by a full queue. */
    public void rejected() {
        rejected.increment();
    }

    /** Whether a store recovery that failed is still being re-tried. */
    public void recoveryPending(boolean pending) {
        recoveryPending = pending;
    }

    /** A store recovery attempt failed. */
    public void recoveryFailed() {
        recoveryFailures.increment();
    }

    void batch(int events, long latencyNanos) {
        batchedEvents.add(events); // totals first: a concurrent snapshot never sees a batch without its share
        applyNanos.add(latencyNanos);
        batches.increment();
        batchSizes.add(events);
        latenciesMicros.add(latencyNanos / 1_000);
    }

    /** Reads the async queue's depth and backlog size from {@code depth} and {@code parkedEvents} from now on. */
    void gauges(IntSupplier depth, IntSupplier parkedEvents) {
        this.queueDepth = depth;
        this.parked = parkedEvents;
    }

    /** The counters now, with {@code cache} (the cache's statistics, if it keeps any). */
    public MetricsSnapshot snapshot(Optional<CacheStatistics> cache) {
        return new MetricsSnapshot(
                recorded.sum(),
                applied.sum(),
                invalid.sum(),
                failed.sum(),
                retried.sum(),
                rejected.sum(),
                batches.sum(),
                batchedEvents.sum(),
                applyNanos.sum(),
                queueDepth.getAsInt(),
                parked.getAsInt(),
                listenerFailures.sum(),
                notificationsDropped.sum(),
                recoveryPending,
                recoveryFailures.sum(),
                batchSizes.percentiles(),
                latenciesMicros.percentiles(),
                cache);
    }

    /** The last {@code size} values written; concurrent writers may overwrite each other's slot, never block. */
    static final class Ring {
        private final AtomicLongArray values;
        private final AtomicLong written = new AtomicLong();

        Ring(int size) {
            values = new AtomicLongArray(size);
        }

        void add(long value) {
            long n = written.getAndIncrement();
            values.set((int) (n % values.length()), value);
        }

        Percentiles percentiles() {
            int n = (int) Math.min(written.get(), values.length());
            if (n == 0) {
                return Percentiles.NONE;
            }
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = values.get(i);
            }
            Arrays.sort(sorted);
            return new Percentiles(n, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[n - 1]);
        }

        /** Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. */
        static long rank(long[] sorted, int p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }
    }
}
