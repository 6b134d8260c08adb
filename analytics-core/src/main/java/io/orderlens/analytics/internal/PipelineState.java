package io.orderlens.analytics.internal;

import io.orderlens.analytics.async.AsyncOptions;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the async pipeline's host-facing side ({@link AsyncPipeline}) and its writer thread ({@link WriterLoop})
 * share: one lock, its conditions, the queue, the backlog and the progress counters. Every field and every call on
 * {@link #queue} and {@link #backlog} is guarded by {@link #lock}, unless a member says otherwise.
 */
final class PipelineState {
    final AsyncOptions options;
    final ReentrantLock lock = new ReentrantLock();
    /** The writer waits here for events, a re-try request or close. */
    final Condition work = lock.newCondition();
    /** Flush, re-try and close callers wait here for the writer's progress. */
    final Condition progress = lock.newCondition();

    final IntakeQueue queue;
    final Backlog backlog;

    /** The batch the writer is writing, empty between batches. */
    List<QueuedEvent> inFlight = List.of();
    /** Events accepted by submit, ever. */
    long accepted;
    /** Events applied, rejected or parked, ever (a parked event is settled once). */
    long settled;
    /** Flush calls waiting now: the writer does not linger for a fuller batch while there are any. */
    int flushWaiters;
    /** Intake stopped; the writer drains, makes a final re-try and stops. */
    boolean closing;
    /** Close ran out of time: the writer stops at once. */
    boolean aborted;
    /** The writer thread has ended. */
    boolean stopped;

    PipelineState(AsyncOptions options, PipelineMetrics metrics) {
        this.options = options;
        this.queue = new IntakeQueue(options, metrics, lock.newCondition());
        this.backlog = new Backlog(options);
    }

    /** Wakes whoever waits for the writer's progress; call with the lock held. */
    void progressed() {
        progress.signalAll();
    }

    boolean isAborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }
}
