package io.orderlens.examples.feed;

import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an {@link EventSource} on a thread of its own, ahead of the caller: the reading thread takes the source's
 * events in batches and hands them over through a queue of at most {@code capacity} batches, so that reading, parsing
 * and mapping the input overlap with whatever the caller does with the batches (recording them). Memory holds at
 * most {@code capacity + 2} batches: the queued ones, the one being filled and the one the caller took.
 *
 * <p>A failure of the source (any exception or error thrown by its {@code hasNext} or {@code next}) ends the reading
 * thread and is rethrown, as it is, by {@link #next()} on the caller's thread once the batches read before it were
 * taken. {@link #close()} stops the reading thread and waits until it has ended, so that no thread is left behind
 * whether the feed completed, the source failed or the caller gave up; the thread is a daemon and is named
 * {@value #THREAD_NAME}.
 *
 * <p>{@link #next()} and {@link #close()} are for one caller thread; {@link #readingTime()} may be read from any
 * thread.
 */
public final class ReadAhead implements AutoCloseable {
    /** The name of the reading thread. */
    public static final String THREAD_NAME = "orderlens-read-ahead";

    /** What the reading thread hands over. */
    private sealed interface Item permits Batch, End, Failure {}

    /** Events in source order and how far through its input the source was after the last of them. */
    private record Batch(List<OrderEvent> events, double progress) implements Item {}

    private record End() implements Item {}

    private record Failure(Throwable error) implements Item {}

    /** How often a waiting {@link #next()} checks that the reading thread is still alive. */
    private static final long LIVENESS_CHECK_MILLIS = 200;

    private final EventSource source;
    private final int batchSize;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile long readingNanos;
    private double progress;
    private boolean ended;

    private ReadAhead(EventSource source, int batchSize, int capacity) {
        this.source = source;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::readAll, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code source} on a new thread.
     *
     * @param batchSize events per batch, at least 1
     * @param capacity  batches the queue holds at most, at least 1; the reading thread waits while it is full
     * @throws IllegalArgumentException if a size is below 1
     */
    public static ReadAhead start(EventSource source, int batchSize, int capacity) {
        Objects.requireNonNull(source, "source");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 batch, got " + capacity);
        }
        ReadAhead ahead = new ReadAhead(source, batchSize, capacity);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The next batch of events in source order (never empty), waiting for the reading thread if none is ready; null
     * once the source is exhausted.
     *
     * @throws RuntimeException the source's own exception if reading it failed (an {@link Error} is rethrown as
     *                          well); once thrown, later calls return null
     * @throws IllegalStateException if the calling thread is interrupted while waiting (its interrupt flag stays
     *                               set), or the reading thread was interrupted by someone else than
     *                               {@link #close()}; after {@link #close()} this returns null
     */
    public List<OrderEvent> next() {
        if (ended) {
            return null;
        }
        Item item;
        try {
            while ((item = queue.poll(LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (!thread.isAlive() && queue.isEmpty()) {
                    ended = true;
                    throw new IllegalStateException("the reading thread ended without handing over the input's end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the input", e);
        }
        if (item instanceof Batch batch) {
            progress = batch.progress();
            return batch.events();
        }
        ended = true;
        if (item instanceof Failure failure) {
            Throwable error = failure.error();
            if (error instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (error instanceof Error fatal) {
                throw fatal;
            }
            throw new IllegalStateException("reading the input failed: " + error, error);
        }
        progress = 1.0;
        return null;
    }

    /** How far through its input the source was after the last batch taken, 0..1 (1 once exhausted). */
    public double progress() {
        return progress;
    }

    /**
     * Time the reading thread spent inside the source so far (reading, parsing and mapping), not counting the time
     * it waited for room in the queue.
     */
    public Duration readingTime() {
        return Duration.ofNanos(readingNanos);
    }

    /**
     * Stops the reading thread if it still runs and waits until it has ended. A source blocked inside {@code next}
     * is interrupted; the wait lasts until the source returns. Idempotent.
     */
    @Override
    public void close() {
        ended = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAll() {
        try {
            while (true) {
                List<OrderEvent> events = new ArrayList<>(batchSize);
                long start = System.nanoTime();
                try {
                    while (events.size() < batchSize && source.hasNext()) {
                        events.add(source.next());
                    }
                } finally {
                    readingNanos += System.nanoTime() - start;
                }
                if (events.isEmpty()) {
                    queue.put(new End());
                    return;
                }
                queue.put(new Batch(events, source.progress()));
            }
        } catch (InterruptedException e) {
            // closed by the caller: nothing more is wanted
        } catch (Throwable e) {
            handOver(new Failure(e));
        }
    }

    /** Puts the final item unless the caller closed this read-ahead meanwhile. */
    private void handOver(Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            // closed by the caller: nobody will take it
        }
    }
}
