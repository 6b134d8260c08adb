package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsException;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.QueueFullException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async write path, host side: an {@link IntakeQueue} with back-pressure feeds one writer thread
 * ({@link WriterLoop}) that micro-batches queued events into store batches (written by an {@link EventWriter}) and
 * parks what still fails in a {@link Backlog}, re-tried periodically and on demand; {@link CloseSettlement} reports
 * what a close leaves.
 *
 * <p>Guarantees: an accepted event is eventually applied, rejected as invalid (its future fails with
 * {@link InvalidEventException}), refused by the store for good (its future fails with
 * {@link StoreRejectedException}; reported once, never parked), or handed back by {@link #close} in its
 * {@link CloseReport}; none is dropped. Events of one order are applied in acceptance order: while an order has
 * parked events, its later events are parked behind them. The backlog holds at most {@code backlogCapacity} events
 * plus one batch; while it is full the writer stops taking events, so the queue fills and the back-pressure policy
 * applies.
 *
 * <p>Thread-safe. One lock guards the queue, the backlog's shape and the counters; store calls happen outside it.
 */
public final class AsyncPipeline {
    private static final Logger log = LoggerFactory.getLogger(AsyncPipeline.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

    private final Engine engine;
    private final PipelineMetrics metrics;
    private final PipelineState state;
    private final ReentrantLock lock;
    private final Thread worker;
    private final Object closeMonitor = new Object();
    private CloseReport closeReport; // guarded by lock

    /**
     * @param engine   the engine the writer uses, with the async retry policy
     * @param notifier told about events that fail for reasons other than the store (a broken store contract)
     */
    public AsyncPipeline(
            Engine engine,
            AnalyticsStore store,
            AsyncOptions options,
            PipelineMetrics metrics,
            AnalyticsListener notifier) {
        this.engine = engine;
        this.metrics = metrics;
        this.state = new PipelineState(options, metrics);
        this.lock = state.lock;
        WriterLoop loop = new WriterLoop(state, new EventWriter(engine, metrics, notifier), store);
        this.worker = new Thread(loop, "orderlens-writer-" + INSTANCES.incrementAndGet());
        worker.setDaemon(false);
        metrics.gauges(state.queue::gauge, state.backlog::gauge);
    }

    /** Starts the writer thread. Called once, right after construction. */
    public void start() {
        worker.start();
    }

    // ----- intake -----

    /**
     * Queues an event. Never fails because of the store.
     *
     * @return completes with the event's outcome once applied; fails with {@link InvalidEventException} if the
     *         lifecycle rejects the event, or with {@link StoreException} if the pipeline was closed before it could
     *         be applied (it is then in the close report)
     * @throws QueueFullException    if the queue is full (REJECT) or stayed full for the block timeout (BLOCK)
     * @throws IllegalStateException if the pipeline is closed
     */
    public CompletableFuture<RecordOutcome> submit(OrderEvent event) {
        QueuedEvent q = new QueuedEvent(event);
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsException("interrupted while submitting an event; it was not accepted", e);
        }
        try {
            requireOpen();
            boolean wake = state.queue.offer(q, this::requireOpen);
            state.accepted++;
            metrics.recorded(1);
            if (wake) {
                state.work.signal();
            }
        } finally {
            lock.unlock();
        }
        return q.future;
    }

    private void requireOpen() {
        if (state.closing) {
            throw new IllegalStateException("the async pipeline is closed; the event was not accepted");
        }
    }

    // ----- host-side waits -----

    /**
     * Waits up to {@code timeout} until every event accepted before this call is applied, rejected or parked.
     *
     * @throws IllegalStateException if called on the writer thread (e.g. from a future's non-async callback)
     */
    public DrainReport flush(Duration timeout) {
        requireNotWriter("flush");
        lock.lock();
        try {
            long target = state.accepted;
            long nanos = timeout.toNanos();
            state.flushWaiters++;
            state.work.signal();
            try {
                while (state.settled < target && !state.stopped && nanos > 0) {
                    nanos = state.progress.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                state.flushWaiters--;
            }
            return new DrainReport(
                    (int) Math.max(0, target - state.settled), QueuedEvent.events(state.backlog.snapshot()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the writer to recover the store and re-try every parked event now, and waits up to {@code timeout} for
     * that round to finish.
     *
     * @return the events still parked afterwards (pending is always 0)
     * @throws IllegalStateException if the pipeline is closed or if called on the writer thread
     */
    public DrainReport retryFailed(Duration timeout) {
        requireNotWriter("retryFailed");
        lock.lock();
        try {
            if (state.closing) {
                throw new IllegalStateException(
                        "the async pipeline is closed; its unapplied events were handed " + "back by close()");
            }
            Backlog backlog = state.backlog;
            if (!backlog.isEmpty()) {
                long round = backlog.rounds();
                backlog.requestRetry();
                state.work.signal();
                long nanos = timeout.toNanos();
                try {
                    while (backlog.rounds() == round && !state.stopped && nanos > 0) {
                        nanos = state.progress.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new DrainReport(0, QueuedEvent.events(backlog.snapshot()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops intake (later submits throw {@link IllegalStateException}, blocked ones too), lets the writer drain the
     * queue and make one more attempt at the parked events, and stops it. If that takes longer than
     * {@code timeout}, the writer is interrupted (a back-off wait ends at once) and given one more second to stop.
     * Every event held when the close began ends in one list of the report: applied, not applied, or outcome unknown
     * (see {@link CloseSettlement}). Idempotent: a second call returns the first report.
     *
     * @throws IllegalStateException if called on the writer thread
     */
    public CloseReport close(Duration timeout) {
        requireNotWriter("close");
        synchronized (closeMonitor) {
            List<QueuedEvent> held = new ArrayList<>();
            lock.lock();
            try {
                if (closeReport != null) {
                    return closeReport;
                }
                state.closing = true;
                held.addAll(state.backlog.snapshot());
                held.addAll(state.inFlight);
                held.addAll(state.queue.snapshot());
                state.work.signalAll();
                state.queue.wakeSubmitters();
            } finally {
                lock.unlock();
            }
            boolean interrupted = false;
            try {
                worker.join(Math.max(1, timeout.toMillis()));
                if (worker.isAlive()) {
                    lock.lock();
                    try {
                        state.aborted = true;
                        state.work.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    worker.interrupt();
                    worker.join(ABORT_GRACE.toMillis());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            boolean stuck = worker.isAlive();
            if (stuck) {
                log.error(
                        "writer thread {} did not stop: a store call is stuck; its in-flight events are reported "
                                + "with an unknown outcome",
                        worker.getName());
            }
            Set<QueuedEvent> inFlightNow = Collections.newSetFromMap(new IdentityHashMap<>());
            lock.lock();
            try {
                inFlightNow.addAll(state.inFlight);
                state.backlog.clear();
                state.queue.clear();
            } finally {
                lock.unlock();
            }
            CloseReport report = CloseSettlement.settle(engine, held, stuck, inFlightNow);
            lock.lock();
            try {
                closeReport = report;
                state.progressed();
            } finally {
                lock.unlock();
            }
            if (!report.complete()) {
                log.warn(
                        "async pipeline closed with {} events not applied and {} of unknown outcome",
                        report.notApplied().size(),
                        report.outcomeUnknown().size());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return report;
        }
    }

    private void requireNotWriter(String what) {
        if (Thread.currentThread() == worker) {
            throw new IllegalStateException(what + " must not be called on the writer thread; use the *Async "
                    + "variants of CompletableFuture for callbacks");
        }
    }
}
