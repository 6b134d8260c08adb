package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsException;
import io.orderlens.analytics.QueueFullException;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.BackpressurePolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * The async pipeline's bounded queue with its back-pressure: a full queue rejects at once or blocks submitters for
 * the block timeout, as configured. It also decides when a submit wakes the writer. Not thread-safe on its own:
 * every method is called with the pipeline's lock held, and {@code space} belongs to that lock.
 */
final class IntakeQueue {
    private final AsyncOptions options;
    private final PipelineMetrics metrics;
    /** Blocked submitters wait here for room in the queue. */
    private final Condition space;

    private final ArrayDeque<QueuedEvent> queue = new ArrayDeque<>();
    /**
     * Queue length at which a submit wakes the writer: 1 while it waits for work, the room left in its batch (or a
     * full queue) while it lingers for more, never while it is busy (it looks at the queue before it waits again).
     * Saves a wake-up, and a thread switch, per event.
     */
    private int wakeWriterAt = Integer.MAX_VALUE;

    private volatile int gauge;

    IntakeQueue(AsyncOptions options, PipelineMetrics metrics, Condition space) {
        this.options = options;
        this.metrics = metrics;
        this.space = space;
    }

    /**
     * Appends {@code q}, first waiting for room per the back-pressure policy.
     *
     * @param closed checked after every wait; throws if the pipeline closed meanwhile
     * @return true if the writer should be woken now
     * @throws QueueFullException if the queue is full (REJECT) or stayed full for the block timeout (BLOCK)
     */
    boolean offer(QueuedEvent q, Runnable closed) {
        if (queue.size() >= options.queueCapacity()) {
            awaitRoom(closed);
        }
        queue.addLast(q);
        gauge = queue.size();
        return queue.size() >= wakeWriterAt;
    }

    private void awaitRoom(Runnable closed) {
        if (options.backpressure() == BackpressurePolicy.REJECT) {
            metrics.rejected();
            throw new QueueFullException("the async queue is full (" + options.queueCapacity()
                    + " events) and the policy is REJECT; the event was not accepted");
        }
        long nanos = options.blockTimeout().toNanos();
        while (queue.size() >= options.queueCapacity()) {
            if (nanos <= 0) {
                metrics.rejected();
                throw new QueueFullException("the async queue stayed full (" + options.queueCapacity() + " events) for "
                        + options.blockTimeout() + "; the event was not accepted");
            }
            try {
                nanos = space.awaitNanos(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalyticsException(
                        "interrupted while waiting for room in the async queue; " + "the event was not accepted", e);
            }
            closed.run();
        }
    }

    /** Moves up to {@code max - batch.size()} events into {@code batch}, waking blocked submitters. */
    void drainInto(List<QueuedEvent> batch, int max) {
        boolean took = false;
        while (batch.size() < max && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
            took = true;
        }
        if (took) {
            gauge = queue.size();
            space.signalAll();
        }
    }

    /** From now on a submit wakes the writer once the queue holds {@code length} events. */
    void wakeWriterAt(int length) {
        wakeWriterAt = length;
    }

    /** Submits no longer wake the writer (it is busy and looks at the queue before it waits). */
    void writerBusy() {
        wakeWriterAt = Integer.MAX_VALUE;
    }

    /** Wakes every blocked submitter (so they see that the pipeline closed). */
    void wakeSubmitters() {
        space.signalAll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** The queued events, in order (a copy). */
    List<QueuedEvent> snapshot() {
        return new ArrayList<>(queue);
    }

    /** Removes and returns every queued event, in order. */
    List<QueuedEvent> clear() {
        List<QueuedEvent> out = new ArrayList<>(queue);
        queue.clear();
        gauge = 0;
        return out;
    }

    /** Events waiting now; readable without the lock. */
    int gauge() {
        return gauge;
    }
}
