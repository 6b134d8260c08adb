package io.orderlens.analytics;

import io.orderlens.analytics.spi.CacheStatistics;
import java.util.Optional;

/**
 * Counters and distributions of the write path since the instance was built, and the cache's counters, read with
 * {@code Analytics.metrics()}. Counters are per event unless named otherwise; the distributions cover the most recent
 * {@value #WINDOW} store batches. Hosts with Micrometer can publish the same figures with
 * {@code io.orderlens.analytics.micrometer.AnalyticsMetrics}.
 *
 * @param recorded              events accepted by {@code record}, {@code recordAll}, {@code submit} and backfill
 * @param applied               events whose outcome was written (including duplicates, held and ignored events)
 * @param invalid               events rejected by the lifecycle rules
 * @param failed                events whose store write failed after every attempt (an event re-tried and failing
 *                              again counts again)
 * @param retried               store calls repeated after a failure
 * @param rejected              submits refused because the async queue was full
 * @param batches               store batches written
 * @param batchedEvents         events in those batches, in total ({@code batchedEvents / batches} is the mean size)
 * @param applyNanos            time spent writing those batches including retries, in total, in nanoseconds
 * @param queueDepth            events waiting in the async queue now
 * @param parked                events parked after failed writes now, awaiting a re-try
 * @param listenerFailures      listener calls that threw
 * @param notificationsDropped  listener notifications dropped because the listener queue was full
 * @param recoveryPending       true while a store recovery that failed (at start: a pending batch the store could
 *                              not finish) is being re-tried in the background
 * @param recoveryFailures      store recovery attempts that failed, at start and in the background
 * @param batchSize             events per store batch
 * @param applyLatencyMicros    time of one store write including its retries, in microseconds
 * @param cache                 the cache's counters; empty without a cache or if it keeps none
 */
public record MetricsSnapshot(
        long recorded,
        long applied,
        long invalid,
        long failed,
        long retried,
        long rejected,
        long batches,
        long batchedEvents,
        long applyNanos,
        int queueDepth,
        int parked,
        long listenerFailures,
        long notificationsDropped,
        boolean recoveryPending,
        long recoveryFailures,
        Percentiles batchSize,
        Percentiles applyLatencyMicros,
        Optional<CacheStatistics> cache) {

    /** Number of most recent batches the distributions cover. */
    public static final int WINDOW = 1024;

    /**
     * Nearest-rank percentiles of a sample; all zero when {@code samples} is 0.
     *
     * @param samples values the percentiles were computed from (at most {@link #WINDOW})
     */
    public record Percentiles(int samples, long p50, long p95, long p99, long max) {
        public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);
    }
}
