package io.orderlens.examples.feed;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

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

    /**
     * What a feed did: events recorded by outcome, batches, wall-clock time, and the parts of it the feeding thread
     * spent reading the source (reading, parsing and mapping its input) and waiting for the library (recording, a
     * full async queue, the final drain).
     */
    public record Summary(
            long events,
            long batches,
            Map<RecordOutcome, Long> outcomes,
            Duration elapsed,
            Duration reading,
            Duration waiting) {
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
        long reading = 0;
        long waiting = 0;
        Map<RecordOutcome, Long> outcomes = new EnumMap<>(RecordOutcome.class);
        List<OrderEvent> batch = new ArrayList<>(batchSize);
        long events = 0;
        long batches = 0;
        progress.update(0, 0);
        while (true) {
            long t0 = System.nanoTime();
            boolean more = source.hasNext();
            if (more) {
                batch.add(source.next());
            }
            boolean last = more && !source.hasNext();
            long t1 = System.nanoTime();
            reading += t1 - t0;
            if (!more) {
                break;
            }
            if (batch.size() == batchSize || last) {
                for (RecordOutcome o : analytics.recordAll(batch)) {
                    outcomes.merge(o, 1L, Long::sum);
                }
                waiting += System.nanoTime() - t1;
                events += batch.size();
                batches++;
                batch.clear();
                progress.update(source.progress(), events);
            }
        }
        progress.update(1.0, events);
        return new Summary(
                events,
                batches,
                outcomes,
                Duration.ofNanos(System.nanoTime() - start),
                Duration.ofNanos(reading),
                Duration.ofNanos(waiting));
    }

    /**
     * Submits every event of {@code source} to the library's async pipeline (the {@code Analytics} must be built in
     * async mode for this to be asynchronous), then waits until all of them are applied. Submission blocks while
     * the pipeline's bounded queue is full, so memory stays bounded whatever the source's size.
     *
     * @param drainTimeout how long to wait, after the last submission, for the pipeline to apply everything
     * @throws io.orderlens.analytics.InvalidEventException carrying the first rejected event's message, after the
     *                                                      others were applied
     * @throws IllegalStateException if the pipeline could not apply everything within {@code drainTimeout}
     */
    public Summary feedAsync(EventSource source, Progress progress, Duration drainTimeout) {
        long start = System.nanoTime();
        long reading = 0;
        long waiting = 0;
        ConcurrentHashMap<RecordOutcome, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long events = 0;
        progress.update(0, 0);
        while (true) {
            long t0 = System.nanoTime();
            OrderEvent event = source.hasNext() ? source.next() : null;
            long t1 = System.nanoTime();
            reading += t1 - t0;
            if (event == null) {
                break;
            }
            analytics.submit(event).whenComplete((outcome, error) -> {
                if (error != null) {
                    firstError.compareAndSet(null, error);
                } else {
                    outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                }
            });
            waiting += System.nanoTime() - t1;
            events++;
            if (events % batchSize == 0) {
                progress.update(source.progress(), events);
            }
        }
        long drainStart = System.nanoTime();
        DrainReport drained = analytics.flush(drainTimeout);
        waiting += System.nanoTime() - drainStart;
        if (!drained.complete()) {
            throw new IllegalStateException("the pipeline did not apply every event within " + drainTimeout + ": "
                    + drained.pending() + " pending, " + drained.unapplied().size() + " failed");
        }
        progress.update(1.0, events);
        Throwable error = firstError.get();
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            if (cause instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("recording failed: " + cause, cause);
        }
        Map<RecordOutcome, Long> counts = new EnumMap<>(RecordOutcome.class);
        outcomes.forEach((o, n) -> counts.put(o, n.sum()));
        long batches = (events + batchSize - 1) / batchSize;
        return new Summary(
                events,
                batches,
                counts,
                Duration.ofNanos(System.nanoTime() - start),
                Duration.ofNanos(reading),
                Duration.ofNanos(waiting));
    }
}
