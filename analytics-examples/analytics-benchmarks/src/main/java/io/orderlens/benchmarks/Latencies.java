package io.orderlens.benchmarks;

import java.util.Arrays;

/** Per-call latencies of one run, in nanoseconds, with nearest-rank percentiles. Not thread-safe. */
final class Latencies {
    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /**
     * The nearest-rank percentile in microseconds.
     *
     * @param p in (0, 100]
     * @throws IllegalStateException if nothing was recorded
     */
    double percentileMicros(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latency recorded");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1_000.0;
    }
}
