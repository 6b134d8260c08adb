package io.orderlens.examples.feed;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feeds an {@link EventSource} into {@link Analytics} in batches of a fixed size, each batch one
 * {@link Analytics#recordAll} call on the calling thread, while a {@link ReadAhead} thread reads the source (reads,
 * parses and maps its input) into a bounded queue of batches: reading overlaps with recording. Reports progress after
 * every batch. Memory holds at most {@value #READ_AHEAD_BATCHES} + 2 batches. Use one feeder from one thread at a
 * time.
 */
public final class EventFeeder {
    /** The batch size the seed systems used for backfills. */
    public static final int DEFAULT_BATCH_SIZE = 50;
    /** Batches the reading thread may have ready before it waits for the recording. */
    public static final int READ_AHEAD_BATCHES = 8;

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

    /**
     * What a feed did: events recorded by outcome, batches, wall-clock time, and its parts: the time the reading
     * thread spent in the source ({@code reading}: reading, parsing and mapping the input), the time the calling
     * thread spent in the library ({@code recording}) and the time it waited for the reading thread
     * ({@code waitingForInput}). Reading overlaps with the other two, so {@code recording + waitingForInput} is at most
     * {@code elapsed} and {@code reading} is too.
     */
    public record Summary(
            long events,
            long batches,
            Map<RecordOutcome, Long> outcomes,
            Duration elapsed,
            Duration reading,
            Duration recording,
            Duration waitingForInput) {
        public Summary {
            outcomes = Collections.unmodifiableMap(new EnumMap<>(outcomes));
        }

        public long count(RecordOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /** Events per second over the whole feed. */
        public long eventsPerSecond() {
            return perSecond(elapsed);
        }

        /** Events per second of the reading thread's time. */
        public long readingEventsPerSecond() {
            return perSecond(reading);
        }

        /** Events per second of the library's time. */
        public long recordingEventsPerSecond() {
            return perSecond(recording);
        }

        private long perSecond(Duration d) {
            return Math.round(events * 1e9 / Math.max(1, d.toNanos()));
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
     * Records every event of {@code source}, in source order: the source is read on a thread of its own (it must
     * not be touched by anyone else meanwhile), the batches are recorded on the calling thread. When this returns or
     * throws, the reading thread has ended.
     *
     * @throws io.orderlens.analytics.InvalidEventException if the library rejects an event; batches before it are
     *                                                      recorded, its own batch is not
     * @throws RuntimeException the source's own exception if reading it failed; every event read before the failure
     *                          is recorded
     */
    public Summary feed(EventSource source, Progress progress) {
        return feed(ReadAhead.start(source, batchSize, READ_AHEAD_BATCHES), progress);
    }

    /**
     * Records every batch of {@code ahead}, a reading thread started by the caller (so that reading can begin while
     * the caller still prepares the library), as {@link #feed(EventSource, Progress)} does; the batches should hold
     * this feeder's batch size. Closes {@code ahead}: when this returns or throws, the reading thread has ended. The
     * summary's elapsed time counts from this call.
     *
     * @throws io.orderlens.analytics.InvalidEventException if the library rejects an event; batches before it are
     *                                                      recorded, its own batch is not
     * @throws RuntimeException the source's own exception if reading it failed; every event read before the failure
     *                          is recorded
     */
    public Summary feed(ReadAhead<OrderEvent> ahead, Progress progress) {
        Objects.requireNonNull(ahead, "ahead");
        long start = System.nanoTime();
        long recording = 0;
        long waiting = 0;
        Map<RecordOutcome, Long> outcomes = new EnumMap<>(RecordOutcome.class);
        long events = 0;
        long batches = 0;
        progress.update(0, 0);
        try (ahead) {
            while (true) {
                long t0 = System.nanoTime();
                List<OrderEvent> batch = ahead.next();
                long t1 = System.nanoTime();
                waiting += t1 - t0;
                if (batch == null) {
                    break;
                }
                for (RecordOutcome o : analytics.recordAll(batch)) {
                    outcomes.merge(o, 1L, Long::sum);
                }
                recording += System.nanoTime() - t1;
                events += batch.size();
                batches++;
                progress.update(ahead.progress(), events);
            }
            progress.update(1.0, events);
            return new Summary(
                    events,
                    batches,
                    outcomes,
                    Duration.ofNanos(System.nanoTime() - start),
                    ahead.readingTime(),
                    Duration.ofNanos(recording),
                    Duration.ofNanos(waiting));
        }
    }
}
