package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.backfill.BackfillOptions;
import io.orderlens.analytics.backfill.BackfillResult;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Replays events through the library the way every measurement does. Stateless. */
final class Replay {
    /** Longest wait for the async pipeline to drain after the last submit. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private Replay() {}

    /** An {@link Analytics} over {@code store} in the data's business zone, counting at delivery (the default). */
    static Analytics analytics(AnalyticsStore store) {
        return Analytics.builder().store(store).zone(OnlineRetailMapping.ZONE).build();
    }

    /** As {@link #analytics(AnalyticsStore)}, reading "now" from {@code clock}. */
    static Analytics analytics(AnalyticsStore store, Clock clock) {
        return Analytics.builder()
                .store(store)
                .zone(OnlineRetailMapping.ZONE)
                .clock(clock)
                .build();
    }

    /**
     * An {@link Analytics} over {@code store} whose pipeline writes batches of up to {@code batchSize} events from a
     * queue of {@code queueCapacity} events; a full queue blocks the submitter (never drops, never rejects).
     */
    static Analytics async(AnalyticsStore store, int batchSize, int queueCapacity) {
        return Analytics.builder()
                .store(store)
                .zone(OnlineRetailMapping.ZONE)
                .async(AsyncOptions.builder()
                        .maxBatchEvents(batchSize)
                        .queueCapacity(queueCapacity)
                        .blockTimeout(DRAIN_TIMEOUT)
                        .build())
                .build();
    }

    /** Records {@code events} in consecutive {@code recordAll} batches of {@code batchSize}. */
    static void recordAll(Analytics analytics, List<OrderEvent> events, int batchSize) {
        recordAll(analytics, events, batchSize, Long.MAX_VALUE);
    }

    /**
     * Records {@code events} in consecutive {@code recordAll} batches of {@code batchSize}, stopping after the batch
     * during which {@code budgetNanos} ran out.
     *
     * @return how many events were recorded
     */
    static int recordAll(Analytics analytics, List<OrderEvent> events, int batchSize, long budgetNanos) {
        long started = System.nanoTime();
        int from = 0;
        while (from < events.size() && System.nanoTime() - started < budgetNanos) {
            int to = Math.min(events.size(), from + batchSize);
            Sink.consume(analytics.recordAll(events.subList(from, to)).size());
            from = to;
        }
        return from;
    }

    /**
     * Submits {@code events} to the async pipeline of {@code analytics} until {@code budgetNanos} runs out, then
     * waits until every submitted event is applied.
     *
     * @return how many events were submitted (and applied)
     * @throws IllegalStateException if the pipeline did not drain, or parked events after failed writes
     */
    static int submitAll(Analytics analytics, List<OrderEvent> events, long budgetNanos) {
        long started = System.nanoTime();
        int n = 0;
        for (OrderEvent e : events) {
            if ((n & 63) == 0 && System.nanoTime() - started >= budgetNanos) {
                break;
            }
            analytics.submit(e);
            n++;
        }
        DrainReport report = analytics.flush(DRAIN_TIMEOUT);
        if (!report.complete()) {
            throw new IllegalStateException("the async pipeline did not apply every event: " + report.pending()
                    + " pending, " + report.unapplied().size() + " failed");
        }
        return n;
    }

    /** Backfills {@code events} in batches of {@code batchSize}; returns how many events it wrote. */
    static long backfill(Analytics analytics, List<OrderEvent> events, int batchSize) {
        BackfillResult result = analytics.backfill(
                events.iterator(),
                BackfillOptions.builder()
                        .batchSize(batchSize)
                        .total(events.size())
                        .build());
        Sink.consume(result.applied());
        return result.events();
    }

    /** Events per second. */
    static double rate(long events, long nanos) {
        return events / (nanos / 1e9);
    }
}
