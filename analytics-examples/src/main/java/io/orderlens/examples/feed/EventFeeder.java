package io.orderlens.examples.feed;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feeds an {@link EventSource} into {@link Analytics} in batches of a fixed size, each batch one
 * {@link Analytics#recordAll} call, and reports progress after every batch. Memory holds one batch. Runs on the
 * calling thread.
 */
public final class EventFeeder {
    /** The batch size the seed systems used for backfills. */
    public static final int DEFAULT_BATCH_SIZE = 50;

    /** Told after every batch how far the feed is. Called on the feeding thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param fraction how far through its input the source is, 0..1
         * @param events   events recorded so far
         */
        void update(double fraction, long events);

        Progress NONE = (fraction, events) -> {};
    }

    /** What a feed did: events recorded by outcome, batches and wall-clock time. */
    public record Summary(long events, long batches, Map<RecordOutcome, Long> outcomes, Duration elapsed) {
        public Summary {
            outcomes = Collections.unmodifiableMap(new EnumMap<>(outcomes));
        }

        public long count(RecordOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /** Events per second over the whole feed. */
        public long eventsPerSecond() {
            long nanos = Math.max(1, elapsed.toNanos());
            return Math.round(events * 1e9 / nanos);
        }
    }

    private final Analytics analytics;
    private final int batchSize;

    /** @param batchSize events per {@code recordAll} call, 1..100,000 */
    public EventFeeder(Analytics analytics, int batchSize) {
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 1..100000, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Records every event of {@code source}, in source order.
     *
     * @throws io.orderlens.analytics.InvalidEventException if the library rejects an event; batches before it are
     *                                                      recorded, its own batch is not
     */
    public Summary feed(EventSource source, Progress progress) {
        long start = System.nanoTime();
        Map<RecordOutcome, Long> outcomes = new EnumMap<>(RecordOutcome.class);
        List<OrderEvent> batch = new ArrayList<>(batchSize);
        long events = 0;
        long batches = 0;
        progress.update(0, 0);
        while (source.hasNext()) {
            batch.add(source.next());
            if (batch.size() == batchSize || !source.hasNext()) {
                for (RecordOutcome o : analytics.recordAll(batch)) {
                    outcomes.merge(o, 1L, Long::sum);
                }
                events += batch.size();
                batches++;
                batch.clear();
                progress.update(source.progress(), events);
            }
        }
        progress.update(1.0, events);
        return new Summary(events, batches, outcomes, Duration.ofNanos(System.nanoTime() - start));
    }
}
