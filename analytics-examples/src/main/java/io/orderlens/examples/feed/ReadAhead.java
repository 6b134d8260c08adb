package io.orderlens.examples.feed;

import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Reads a source (an {@link EventSource}, or any iterator) on a thread of its own, ahead of the caller: the reading
 * thread takes the source's items in batches and hands them over through a queue of at most {@code capacity} batches,
 * so that reading, parsing and mapping the input overlap with whatever the caller does with the batches (recording
 * them). Memory holds at most {@code capacity + 2} batches: the queued ones, the one being filled and the one the
 * caller took.
 *
 * <p>A failure of the source (any exception or error thrown by its {@code hasNext} or {@code next}) ends the reading
 * thread and is rethrown, as it is, by {@link #next()} on the caller's thread once every item read before it was
 * taken (the items of a batch cut short by the failure come as a last, smaller batch). {@link #close()} stops the reading thread and waits until it has ended, so that no thread is left behind
 * whether the feed completed, the source failed or the caller gave up; the thread is a daemon, named
 * {@value #THREAD_NAME} for event sources.
 *
 * @param <T> the items read
 *
 * <p>{@link #next()} and {@link #close()} are for one caller thread; {@link #readingTime()} may be read from any
 * thread.
 */
public final class ReadAhead<T> implements AutoCloseable {
    /** The name of the reading thread of an event source. */
    public static final String THREAD_NAME = "orderlens-read-ahead";

    /** What the reading thread hands over. */
    private sealed interface Item<T> permits Batch, End, Failure {}

    /** Items in source order and how far through its input the source was after the last of them. */
    private record Batch<T>(List<T> items, double progress) implements Item<T> {}

    private record End<T>() implements Item<T> {}

    private record Failure<T>(Throwable error) implements Item<T> {}

    /** How often a waiting {@link #next()} checks that the reading thread is still alive, and {@link #close()} nudges it. */
    private static final long LIVENESS_CHECK_MILLIS = 200;

    private final Iterator<? extends T> source;
    private final DoubleSupplier sourceProgress;
    private final int batchSize;
    private final BlockingQueue<Item<T>> queue;
    private final Thread thread;
    private volatile long readingNanos;
    private volatile boolean closed;
    private double progress;
    private boolean ended;

    private ReadAhead(
            Iterator<? extends T> source, DoubleSupplier progress, int batchSize, int capacity, String threadName) {
        this.source = source;
        this.sourceProgress = progress;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::readAll, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading {@code source} on a new thread named {@value #THREAD_NAME}.
     *
     * @param batchSize events per batch, at least 1
     * @param capacity  batches the queue holds at most, at least 1; the reading thread waits while it is full
     * @throws IllegalArgumentException if a size is below 1
     */
    public static ReadAhead<OrderEvent> start(EventSource source, int batchSize, int capacity) {
        Objects.requireNonNull(source, "source");
        return start(source, source::progress, batchSize, capacity, THREAD_NAME);
    }

    /**
     * Starts reading {@code source} on a new thread.
     *
     * @param progress   how far through its input the source is, 0..1; called on the reading thread after each batch
     * @param batchSize  items per batch, at least 1
     * @param capacity   batches the queue holds at most, at least 1; the reading thread waits while it is full
     * @param threadName the reading thread's name
     * @throws IllegalArgumentException if a size is below 1
     */
    public static <T> ReadAhead<T> start(
            Iterator<? extends T> source, DoubleSupplier progress, int batchSize, int capacity, String threadName) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(threadName, "threadName");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 batch, got " + capacity);
        }
        ReadAhead<T> ahead = new ReadAhead<>(source, progress, batchSize, capacity, threadName);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The next batch of items in source order (never empty, not to be modified), waiting for the reading thread if
     * none is ready; null once the source is exhausted.
     *
     * @throws RuntimeException the source's own exception if reading it failed (an {@link Error} is rethrown as
     *                          well); once thrown, later calls return null
     * @throws IllegalStateException if the calling thread is interrupted while waiting (its interrupt flag stays
     *                               set), or the reading thread was interrupted by someone else than
     *                               {@link #close()}; after {@link #close()} this returns null
     */
    public List<T> next() {
        if (ended) {
            return null;
        }
        Item<T> item;
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
        if (item instanceof Batch<T> batch) {
            progress = batch.progress();
            return batch.items();
        }
        ended = true;
        if (item instanceof Failure<T> failure) {
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
        closed = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            // again and again: a source may swallow an interrupt and the thread then wait for room in the queue
            thread.interrupt();
            queue.clear();
            try {
                thread.join(LIVENESS_CHECK_MILLIS);
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
            while (!closed) {
                List<T> items = new ArrayList<>(batchSize);
                long start = System.nanoTime();
                try {
                    while (items.size() < batchSize && source.hasNext()) {
                        items.add(source.next());
                    }
                } catch (RuntimeException | Error e) {
                    if (!items.isEmpty()) {
                        queue.put(new Batch<>(items, sourceProgress.getAsDouble()));
                    }
                    throw e;
                } finally {
                    readingNanos += System.nanoTime() - start;
                }
                if (items.isEmpty()) {
                    queue.put(new End<>());
                    return;
                }
                queue.put(new Batch<>(items, sourceProgress.getAsDouble()));
            }
        } catch (InterruptedException e) {
            // closed by the caller: nothing more is wanted
        } catch (Throwable e) {
            handOver(new Failure<>(e));
        }
    }

    /** Puts the final item unless the caller closed this read-ahead meanwhile. */
    private void handOver(Item<T> item) {
        try {
            if (!closed) {
                queue.put(item);
            }
        } catch (InterruptedException e) {
            // closed by the caller: nobody will take it
        }
    }
}
