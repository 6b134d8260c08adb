package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsException;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.QueueFullException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.BackpressurePolicy;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async write path: a bounded queue, one writer thread that micro-batches queued events into store batches, and
 * a bounded backlog of events whose writes failed after every retry, re-tried periodically and on demand.
 *
 * <p>Guarantees: an accepted event is eventually applied, rejected as invalid (its future fails with
 * {@link InvalidEventException}), refused by the store for good (its future fails with
 * {@link StoreRejectedException}; reported once, never parked), or handed back by {@link #close} in its
 * {@link CloseReport}; none is dropped. Events of one order are applied in acceptance order: while an order has parked events, its later events
 * are parked behind them. The backlog holds at most {@code backlogCapacity} events plus one batch; while it is full
 * the writer stops taking events, so the queue fills and the back-pressure policy applies.
 *
 * <p>Thread-safe. One lock guards the queue, the backlog's shape and the counters; store calls happen outside it.
 */
public final class AsyncPipeline {
    private static final Logger log = LoggerFactory.getLogger(AsyncPipeline.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

    private static final class Pending {
        final OrderEvent event;
        final CompletableFuture<RecordOutcome> future = new CompletableFuture<>();
        /** A write of this event failed after the store may have begun it; set by the writer, read after it stopped. */
        volatile boolean maybeWritten;

        Pending(OrderEvent event) {
            this.event = event;
        }

        OrderEvent event() {
            return event;
        }

        CompletableFuture<RecordOutcome> future() {
            return future;
        }

        String key() {
            return event.ledgerKey();
        }
    }

    /** What a store attempt left unwritten, and whether the store itself failed (as opposed to one event). */
    private record Attempt(List<Pending> unwritten, boolean storeFailed) {}

    private final Engine engine;
    private final AnalyticsStore store;
    private final AsyncOptions options;
    private final PipelineMetrics metrics;
    private final AnalyticsListener notifier;
    private final Thread worker;

    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits here for events, a re-try request or close. */
    private final Condition work = lock.newCondition();
    /** Blocked submitters wait here for room in the queue. */
    private final Condition space = lock.newCondition();
    /** Flush, re-try and close callers wait here for the writer's progress. */
    private final Condition progress = lock.newCondition();

    // guarded by lock
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /**
     * Queue length at which a submit wakes the writer: 1 while it waits for work, the room left in its batch (or a
     * full queue) while it lingers for more, never while it is busy (it looks at the queue before it waits again).
     * Saves a wake-up, and a thread switch, per event.
     */
    private int wakeWriterAt = Integer.MAX_VALUE;
    private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
    private List<Pending> inFlight = List.of();
    private long accepted;
    private long settled;
    private long retryRounds;
    private boolean retryRequested;
    private boolean finalRetryDone;
    private int flushWaiters;
    private boolean closing;
    private boolean aborted;
    private boolean stopped;
    private long nextAutoRetry;
    private CloseReport closeReport;

    // written by the writer thread only
    private final Map<String, Integer> parkedKeys = new HashMap<>();

    private volatile int queueGauge;
    private volatile int backlogGauge;
    private final Object closeMonitor = new Object();

    /**
     * @param engine   the engine the writer uses, with the async retry policy
     * @param notifier told about events that fail for reasons other than the store (a broken store contract)
     */
    public AsyncPipeline(Engine engine, AnalyticsStore store, AsyncOptions options, PipelineMetrics metrics,
            AnalyticsListener notifier) {
        this.engine = engine;
        this.store = store;
        this.options = options;
        this.metrics = metrics;
        this.notifier = notifier;
        this.worker = new Thread(this::runWriter, "orderlens-writer-" + INSTANCES.incrementAndGet());
        worker.setDaemon(false);
        metrics.gauges(() -> queueGauge, () -> backlogGauge);
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
        Pending p = new Pending(event);
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsException("interrupted while submitting an event; it was not accepted", e);
        }
        try {
            requireOpen();
            if (queue.size() >= options.queueCapacity()) {
                awaitRoom();
            }
            queue.addLast(p);
            accepted++;
            queueGauge = queue.size();
            metrics.recorded(1);
            if (queue.size() >= wakeWriterAt) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
        return p.future();
    }

    private void awaitRoom() {
        if (options.backpressure() == BackpressurePolicy.REJECT) {
            metrics.rejected();
            throw new QueueFullException("the async queue is full (" + options.queueCapacity()
                    + " events) and the policy is REJECT; the event was not accepted");
        }
        long nanos = options.blockTimeout().toNanos();
        while (queue.size() >= options.queueCapacity()) {
            if (nanos <= 0) {
                metrics.rejected();
                throw new QueueFullException("the async queue stayed full (" + options.queueCapacity()
                        + " events) for " + options.blockTimeout() + "; the event was not accepted");
            }
            try {
                nanos = space.awaitNanos(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalyticsException("interrupted while waiting for room in the async queue; "
                        + "the event was not accepted", e);
            }
            requireOpen();
        }
    }

    private void requireOpen() {
        if (closing) {
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
            long target = accepted;
            long nanos = timeout.toNanos();
            flushWaiters++;
            work.signal();
            try {
                while (settled < target && !stopped && nanos > 0) {
                    nanos = progress.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                flushWaiters--;
            }
            return new DrainReport((int) Math.max(0, target - settled), events(backlog));
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
            if (closing) {
                throw new IllegalStateException("the async pipeline is closed; its unapplied events were handed "
                        + "back by close()");
            }
            if (!backlog.isEmpty()) {
                long round = retryRounds;
                retryRequested = true;
                work.signal();
                long nanos = timeout.toNanos();
                try {
                    while (retryRounds == round && !stopped && nanos > 0) {
                        nanos = progress.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new DrainReport(0, events(backlog));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops intake (later submits throw {@link IllegalStateException}, blocked ones too), lets the writer drain the
     * queue and make one more attempt at the parked events, and stops it. If that takes longer than
     * {@code timeout}, the writer is interrupted (a back-off wait ends at once) and given one more second to stop.
     * Every event held when the close began ends in one list of the report: applied, not applied, or outcome unknown.
     * Events whose write failed after the store may have begun it are looked up in the ledger once the writer has
     * stopped (after {@code store.recover()}): found, they count as applied and their futures complete with
     * {@link RecordOutcome#DUPLICATE}. The futures of the events not applied or of unknown outcome fail with
     * {@link StoreException}. Idempotent: a second call returns the first report.
     *
     * @throws IllegalStateException if called on the writer thread
     */
    public CloseReport close(Duration timeout) {
        requireNotWriter("close");
        synchronized (closeMonitor) {
            List<Pending> held = new ArrayList<>();
            lock.lock();
            try {
                if (closeReport != null) {
                    return closeReport;
                }
                closing = true;
                held.addAll(backlog);
                held.addAll(inFlight);
                held.addAll(queue);
                work.signalAll();
                space.signalAll();
            } finally {
                lock.unlock();
            }
            boolean interrupted = false;
            try {
                worker.join(Math.max(1, timeout.toMillis()));
                if (worker.isAlive()) {
                    lock.lock();
                    try {
                        aborted = true;
                        work.signalAll();
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
                log.error("writer thread {} did not stop: a store call is stuck; its in-flight events are reported "
                        + "with an unknown outcome", worker.getName());
            }
            Set<Pending> inFlightNow = Collections.newSetFromMap(new IdentityHashMap<>());
            lock.lock();
            try {
                inFlightNow.addAll(inFlight);
                backlog.clear();
                queue.clear();
                queueGauge = 0;
                backlogGauge = 0;
            } finally {
                lock.unlock();
            }
            CloseReport report = settle(held, stuck, inFlightNow);
            lock.lock();
            try {
                closeReport = report;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            if (!report.complete()) {
                log.warn("async pipeline closed with {} events not applied and {} of unknown outcome",
                        report.notApplied().size(), report.outcomeUnknown().size());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return report;
        }
    }

    /** Sorts the events held at close into the report's lists and completes the futures still open. */
    private CloseReport settle(List<Pending> held, boolean stuck, Set<Pending> inFlightNow) {
        List<Pending> toCheck = new ArrayList<>();
        for (Pending p : held) {
            if (!p.future().isDone() && !stuck && p.maybeWritten) {
                toCheck.add(p);
            }
        }
        Map<Pending, Engine.Fate> fates = new IdentityHashMap<>();
        if (!toCheck.isEmpty()) {
            List<Engine.Fate> found = engine.reconcile(events(toCheck));
            for (int i = 0; i < toCheck.size(); i++) {
                fates.put(toCheck.get(i), found.get(i));
            }
        }
        List<OrderEvent> applied = new ArrayList<>();
        List<OrderEvent> notApplied = new ArrayList<>();
        List<OrderEvent> unknown = new ArrayList<>();
        StoreException notWritten = new StoreException("not applied before the async pipeline closed; the event is "
                + "listed in the close report and can be recorded again");
        StoreException unsure = new StoreException("the async pipeline closed before this event's write could be "
                + "confirmed; it is listed in the close report with an unknown outcome and can be recorded again");
        for (Pending p : held) {
            Engine.Fate fate;
            if (p.future().isDone()) {
                fate = p.future().isCompletedExceptionally() ? Engine.Fate.NOT_APPLIED : Engine.Fate.APPLIED;
            } else if (stuck && (inFlightNow.contains(p) || p.maybeWritten)) {
                fate = Engine.Fate.UNKNOWN;
            } else {
                fate = fates.getOrDefault(p, Engine.Fate.NOT_APPLIED);
            }
            switch (fate) {
                case APPLIED -> {
                    p.future().complete(RecordOutcome.DUPLICATE);
                    applied.add(p.event());
                }
                case NOT_APPLIED -> {
                    p.future().completeExceptionally(notWritten);
                    notApplied.add(p.event());
                }
                case UNKNOWN -> {
                    p.future().completeExceptionally(unsure);
                    unknown.add(p.event());
                }
            }
        }
        return new CloseReport(applied, notApplied, unknown);
    }

    private void requireNotWriter(String what) {
        if (Thread.currentThread() == worker) {
            throw new IllegalStateException(what + " must not be called on the writer thread; use the *Async "
                    + "variants of CompletableFuture for callbacks");
        }
    }

    // ----- the writer -----

    private void runWriter() {
        try {
            while (true) {
                List<Pending> batch = next();
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
            log.error("writer thread {} failed unexpectedly; what it held is reported by close()", worker.getName(),
                    e);
            throw e;
        } finally {
            lock.lock();
            try {
                stopped = true;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next batch to write, an empty list to re-try the backlog, or null to stop. */
    private List<Pending> next() {
        lock.lock();
        try {
            while (true) {
                if (aborted) {
                    return null;
                }
                if (!backlog.isEmpty() && (retryRequested || autoRetryDue())) {
                    retryRequested = false;
                    return List.of();
                }
                if (!queue.isEmpty() && backlog.size() < options.backlogCapacity()) {
                    return takeBatch();
                }
                if (closing) {
                    if (!queue.isEmpty()) {
                        return List.of(); // the backlog is full: only a successful re-try makes room
                    }
                    if (!backlog.isEmpty() && !finalRetryDone) {
                        finalRetryDone = true;
                        return List.of();
                    }
                    return null;
                }
                wakeWriterAt = 1;
                try {
                    if (backlog.isEmpty() || options.retryParkedEvery().isZero()) {
                        work.await();
                    } else {
                        work.awaitNanos(nextAutoRetry - System.nanoTime());
                    }
                } catch (InterruptedException e) {
                    // only close interrupts the writer, after setting aborted
                } finally {
                    wakeWriterAt = Integer.MAX_VALUE;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean autoRetryDue() {
        return !options.retryParkedEvery().isZero() && System.nanoTime() - nextAutoRetry >= 0;
    }

    /** Takes up to maxBatchEvents events, waiting up to maxBatchDelay for more unless flushing or closing. */
    private List<Pending> takeBatch() {
        int max = options.maxBatchEvents();
        List<Pending> batch = new ArrayList<>(Math.min(max, queue.size()));
        drainInto(batch, max);
        long deadline = System.nanoTime() + options.maxBatchDelay().toNanos();
        while (batch.size() < max && !closing && !aborted && flushWaiters == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wakeWriterAt = Math.min(max - batch.size(), options.queueCapacity()); // a full queue wakes it too
            try {
                work.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                wakeWriterAt = Integer.MAX_VALUE;
            }
            drainInto(batch, max);
        }
        inFlight = batch;
        return batch;
    }

    private void drainInto(List<Pending> batch, int max) {
        boolean took = false;
        while (batch.size() < max && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
            took = true;
        }
        if (took) {
            queueGauge = queue.size();
            space.signalAll();
        }
    }

    /** Writes a batch from the queue; what cannot be written is parked. */
    private void handle(List<Pending> batch) {
        List<Pending> run = parkedKeys.isEmpty() ? batch : new ArrayList<>(batch.size());
        Set<Pending> park = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!parkedKeys.isEmpty()) {
            for (Pending p : batch) {
                if (parkedKeys.containsKey(p.key())) {
                    park.add(p); // keep the order's events in order behind its parked ones
                } else {
                    run.add(p);
                }
            }
        }
        park.addAll(attempt(run).unwritten());
        lock.lock();
        try {
            boolean wasEmpty = backlog.isEmpty();
            for (Pending p : batch) {
                if (park.contains(p)) {
                    backlog.addLast(p);
                    parkedKeys.merge(p.key(), 1, Integer::sum);
                }
            }
            if (wasEmpty && !backlog.isEmpty()) {
                nextAutoRetry = System.nanoTime() + options.retryParkedEvery().toNanos();
            }
            backlogGauge = backlog.size();
            settled += batch.size();
            inFlight = List.of();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One round over the parked events: recover the store, then re-write them batch by batch, in order. */
    private void retryBacklog() {
        List<Pending> parked;
        lock.lock();
        try {
            parked = new ArrayList<>(backlog);
        } finally {
            lock.unlock();
        }
        Set<Pending> still = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            store.recover();
        } catch (RuntimeException e) {
            // the attempt below retries recovery with back-off before writing
            log.warn("store recovery before re-trying {} parked events failed: {}", parked.size(), e.getMessage());
        }
        Set<String> blocked = new HashSet<>();
        int max = options.maxBatchEvents();
        boolean storeDown = false;
        for (int from = 0; from < parked.size(); from += max) {
            List<Pending> chunk = parked.subList(from, Math.min(parked.size(), from + max));
            if (storeDown || isAborted()) {
                still.addAll(chunk);
                continue;
            }
            List<Pending> run = new ArrayList<>(chunk.size());
            for (Pending p : chunk) {
                if (blocked.contains(p.key())) {
                    still.add(p);
                } else {
                    run.add(p);
                }
            }
            Attempt a = attempt(run);
            for (Pending p : a.unwritten()) {
                still.add(p);
                blocked.add(p.key());
            }
            storeDown = a.storeFailed();
        }
        lock.lock();
        try {
            backlog.clear();
            parkedKeys.clear();
            for (Pending p : parked) {
                if (still.contains(p)) {
                    backlog.addLast(p);
                    parkedKeys.merge(p.key(), 1, Integer::sum);
                }
            }
            int applied = parked.size() - backlog.size();
            if (applied > 0) {
                log.info("re-try applied {} parked events; {} still parked", applied, backlog.size());
            }
            backlogGauge = backlog.size();
            retryRounds++;
            nextAutoRetry = System.nanoTime() + options.retryParkedEvery().toNanos();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isAborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code run} through the engine and completes the futures of the events that got an outcome or were
     * rejected as invalid. Returns the rest (store failure, endless conflicts) in order. If the engine throws
     * something other than a store failure, the events are tried one by one so that one bad event cannot hold back
     * the others; an event that still fails alone is parked and reported.
     */
    private Attempt attempt(List<Pending> run) {
        if (run.isEmpty()) {
            return new Attempt(List.of(), false);
        }
        List<Engine.Result> results;
        try {
            results = engine.tryProcess(events(run));
        } catch (RuntimeException e) {
            if (run.size() > 1) {
                List<Pending> unwritten = new ArrayList<>();
                boolean storeFailed = false;
                for (Pending p : run) {
                    Attempt one = attempt(List.of(p));
                    unwritten.addAll(one.unwritten());
                    storeFailed |= one.storeFailed();
                }
                return new Attempt(unwritten, storeFailed);
            }
            log.error("writing event {} failed unexpectedly; it stays parked", run.get(0).event(), e);
            metrics.failed.increment();
            try {
                notifier.onWriteFailed(1, e);
            } catch (RuntimeException ignored) {
                // the notifier is the dispatcher, which does not throw
            }
            return new Attempt(run, false);
        }
        List<Pending> unwritten = new ArrayList<>();
        boolean storeFailed = false;
        for (int i = 0; i < run.size(); i++) {
            Engine.Result r = results.get(i);
            Pending p = run.get(i);
            if (r.outcome() != null) {
                p.future().complete(r.outcome());
            } else if (r.error() instanceof InvalidEventException || r.error() instanceof StoreRejectedException) {
                p.future().completeExceptionally(r.error());
            } else {
                p.maybeWritten |= r.maybeWritten();
                unwritten.add(p);
                storeFailed |= r.error() instanceof StoreException;
            }
        }
        return new Attempt(unwritten, storeFailed);
    }

    private static List<OrderEvent> events(java.util.Collection<Pending> pending) {
        List<OrderEvent> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            out.add(p.event());
        }
        return out;
    }
}
