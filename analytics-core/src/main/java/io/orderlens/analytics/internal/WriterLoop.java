package io.orderlens.analytics.internal;

import io.orderlens.analytics.spi.AnalyticsStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async pipeline's writer thread: the micro-batcher takes up to {@code maxBatchEvents} queued events (lingering
 * up to {@code maxBatchDelay} for more unless a flush or close waits), writes them with the {@link EventWriter} and
 * parks what could not be written; between batches it runs the backlog's re-try rounds, each after
 * {@code store.recover()}. Runs on one thread; shares {@link PipelineState} under its lock.
 */
final class WriterLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WriterLoop.class);

    private final PipelineState s;
    private final EventWriter writer;
    private final AnalyticsStore store;

    WriterLoop(PipelineState state, EventWriter writer, AnalyticsStore store) {
        this.s = state;
        this.writer = writer;
        this.store = store;
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<QueuedEvent> batch = next();
                if (batch == null) {
                    return;
                }
                if (batch.isEmpty()) {
                    retryBacklog();
                } else {
                    handle(batch);
                }
            }
        } catch (RuntimeException | Error e) {
            log.error(
                    "writer thread {} failed unexpectedly; what it held is reported by close()",
                    Thread.currentThread().getName(),
                    e);
            throw e;
        } finally {
            s.lock.lock();
            try {
                s.stopped = true;
                s.progressed();
            } finally {
                s.lock.unlock();
            }
        }
    }

    /** The next batch to write, an empty list to re-try the backlog, or null to stop. */
    private List<QueuedEvent> next() {
        s.lock.lock();
        try {
            while (true) {
                if (s.aborted) {
                    return null;
                }
                if (s.backlog.takeRetryDue()) {
                    return List.of();
                }
                if (!s.queue.isEmpty() && !s.backlog.isFull()) {
                    return takeBatch();
                }
                if (s.closing) {
                    if (!s.queue.isEmpty()) {
                        return List.of(); // the backlog is full: only a successful re-try makes room
                    }
                    return s.backlog.takeFinalRetry() ? List.of() : null;
                }
                s.queue.wakeWriterAt(1);
                try {
                    if (s.backlog.autoRetryScheduled()) {
                        s.work.awaitNanos(s.backlog.nanosUntilAutoRetry());
                    } else {
                        s.work.await();
                    }
                } catch (InterruptedException e) {
                    // only close interrupts the writer, after setting aborted
                } finally {
                    s.queue.writerBusy();
                }
            }
        } finally {
            s.lock.unlock();
        }
    }

    /** Takes up to maxBatchEvents events, waiting up to maxBatchDelay for more unless flushing or closing. */
    private List<QueuedEvent> takeBatch() {
        int max = s.options.maxBatchEvents();
        List<QueuedEvent> batch = new ArrayList<>(Math.min(max, s.queue.size()));
        s.queue.drainInto(batch, max);
        long deadline = System.nanoTime() + s.options.maxBatchDelay().toNanos();
        while (batch.size() < max && !s.closing && !s.aborted && s.flushWaiters == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            s.queue.wakeWriterAt(Math.min(max - batch.size(), s.options.queueCapacity())); // a full queue too
            try {
                s.work.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                s.queue.writerBusy();
            }
            s.queue.drainInto(batch, max);
        }
        s.inFlight = batch;
        return batch;
    }

    /** Writes a batch from the queue; what cannot be written is parked. */
    private void handle(List<QueuedEvent> batch) {
        boolean anyParked = s.backlog.hasParkedKeys();
        List<QueuedEvent> run = anyParked ? new ArrayList<>(batch.size()) : batch;
        Set<QueuedEvent> park = Collections.newSetFromMap(new IdentityHashMap<>());
        if (anyParked) {
            for (QueuedEvent q : batch) {
                if (s.backlog.holdsKey(q.key())) {
                    park.add(q); // keep the order's events in order behind its parked ones
                } else {
                    run.add(q);
                }
            }
        }
        park.addAll(writer.write(run).unwritten());
        s.lock.lock();
        try {
            s.backlog.park(batch, park);
            s.settled += batch.size();
            s.inFlight = List.of();
            s.progressed();
        } finally {
            s.lock.unlock();
        }
    }

    /** One round over the parked events: recover the store, then re-write them batch by batch, in order. */
    private void retryBacklog() {
        List<QueuedEvent> parked;
        s.lock.lock();
        try {
            parked = s.backlog.snapshot();
        } finally {
            s.lock.unlock();
        }
        Set<QueuedEvent> still = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            store.recover();
        } catch (RuntimeException e) {
            // the write below retries recovery with back-off before writing
            log.warn("store recovery before re-trying {} parked events failed: {}", parked.size(), e.getMessage());
        }
        Set<String> blocked = new HashSet<>();
        int max = s.options.maxBatchEvents();
        boolean storeDown = false;
        for (int from = 0; from < parked.size(); from += max) {
            List<QueuedEvent> chunk = parked.subList(from, Math.min(parked.size(), from + max));
            if (storeDown || s.isAborted()) {
                still.addAll(chunk);
                continue;
            }
            List<QueuedEvent> run = new ArrayList<>(chunk.size());
            for (QueuedEvent q : chunk) {
                if (blocked.contains(q.key())) {
                    still.add(q);
                } else {
                    run.add(q);
                }
            }
            EventWriter.Attempt a = writer.write(run);
            for (QueuedEvent q : a.unwritten()) {
                still.add(q);
                blocked.add(q.key());
            }
            storeDown = a.storeFailed();
        }
        s.lock.lock();
        try {
            int applied = s.backlog.endRound(parked, still);
            if (applied > 0) {
                log.info("re-try applied {} parked events; {} still parked", applied, parked.size() - applied);
            }
            s.progressed();
        } finally {
            s.lock.unlock();
        }
    }
}
