package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.ThresholdCrossing;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into store batches: reads the ledger entries they touch, runs each order's events through the
 * {@link Lifecycle}, writes all changes as one {@link StoreBatch}, re-runs orders that lost a compare-and-set to a
 * concurrent writer, then invalidates the cache and notifies listeners (applied batch, threshold crossings). Store
 * reads and writes are retried per the {@link RetryPolicy}; a write is retried with the same batch id, which a store
 * applies at most once, except a {@link StoreRejectedException}, which no retry can change. Thread-safe; holds no
 * per-order locks, so correctness across threads and instances rests on the store's compare-and-set. Within one
 * instance, writes share a read lock that {@link #exclusive} takes for writing, so a rebuild never overlaps a write.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final Lifecycle lifecycle;
    private final List<AnalyticsListener> listeners;
    private final int maxConflictRounds;
    private final RetryPolicy retry;
    private final Thresholds thresholds;
    private final PipelineMetrics metrics;
    private final AtomicBoolean recoveryNeeded;
    private final ReadWriteLock writes;

    public Engine(AnalyticsStore store, AnalyticsCache cache, Lifecycle lifecycle, List<AnalyticsListener> listeners,
            int maxConflictRounds, int storeAttempts, Duration storeBackoff) {
        this(store, cache, lifecycle, listeners, maxConflictRounds, RetryPolicy.doubling(storeAttempts, storeBackoff),
                null, new PipelineMetrics());
    }

    /**
     * @param thresholds finds threshold crossings after each applied batch, or null to skip (also skipped when
     *                   there are no listeners)
     */
    public Engine(AnalyticsStore store, AnalyticsCache cache, Lifecycle lifecycle, List<AnalyticsListener> listeners,
            int maxConflictRounds, RetryPolicy retry, Thresholds thresholds, PipelineMetrics metrics) {
        this(store, cache, lifecycle, listeners, maxConflictRounds, retry, thresholds, metrics, new AtomicBoolean(),
                new ReentrantReadWriteLock());
    }

    private Engine(AnalyticsStore store, AnalyticsCache cache, Lifecycle lifecycle, List<AnalyticsListener> listeners,
            int maxConflictRounds, RetryPolicy retry, Thresholds thresholds, PipelineMetrics metrics,
            AtomicBoolean recoveryNeeded, ReadWriteLock writes) {
        this.store = store;
        this.cache = cache;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.maxConflictRounds = maxConflictRounds;
        this.retry = retry;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.recoveryNeeded = recoveryNeeded;
        this.writes = writes;
    }

    /**
     * An engine sharing everything with this one (the pending-recovery flag and the write lock too) but retrying per
     * {@code r}.
     */
    public Engine withRetry(RetryPolicy r) {
        return new Engine(store, cache, lifecycle, listeners, maxConflictRounds, r, thresholds, metrics,
                recoveryNeeded, writes);
    }

    /**
     * Runs {@code action} while no write of this engine (or of engines made by {@link #withRetry}) is in progress;
     * writes that start meanwhile wait until it returns.
     */
    public <T> T exclusive(Supplier<T> action) {
        writes.writeLock().lock();
        try {
            return action.get();
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** Makes the next {@code process} call run {@code store.recover()} first (and retry it while it fails). */
    public void recoverBeforeNextWrite() {
        recoveryNeeded.set(true);
    }

    /**
     * Outcome of one event: exactly one of {@code outcome} and {@code error} is set. {@code maybeWritten} is true
     * when the error came from a store write that may have taken effect in part (the store finishes it on
     * {@code recover()}), false when nothing of the event was written.
     */
    public record Result(RecordOutcome outcome, RuntimeException error, boolean maybeWritten) {
        Result(RecordOutcome outcome, RuntimeException error) {
            this(outcome, error, false);
        }
    }

    /**
     * Applies {@code events} as one batch (more if orders conflict with concurrent writers).
     *
     * @param allOrNothing if true and any event is invalid, throws its {@link InvalidEventException} (message
     *                     prefixed with the event's index) and writes nothing; if false, invalid events get their
     *                     error in the result and the others are applied
     * @throws StoreException if a store call keeps failing; a retry with the same events is safe
     */
    public List<Result> process(List<OrderEvent> events, boolean allOrNothing) {
        List<Result> results = run(events, allOrNothing);
        for (Result r : results) {
            if (r.error() instanceof StoreException e) {
                throw e;
            }
        }
        return results;
    }

    /**
     * Like {@code process(events, false)} but never throws {@link StoreException}: the events a failing store call
     * left unwritten carry it as their error, while events of orders written before the failure keep their outcome.
     * Other runtime exceptions (a store breaking its contract) propagate.
     */
    public List<Result> tryProcess(List<OrderEvent> events) {
        return run(events, false);
    }

    private List<Result> run(List<OrderEvent> events, boolean allOrNothing) {
        writes.readLock().lock();
        try {
            return runLocked(events, allOrNothing);
        } finally {
            writes.readLock().unlock();
        }
    }

    private List<Result> runLocked(List<OrderEvent> events, boolean allOrNothing) {
        Result[] results = new Result[events.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byKey.computeIfAbsent(events.get(i).ledgerKey(), k -> new ArrayList<>()).add(i);
        }
        Set<String> todo = new HashSet<>(byKey.keySet());
        try {
            recoverIfNeeded();
        } catch (StoreException e) {
            fail(todo, byKey, results, e);
            todo.clear();
        }
        for (int round = 0; round < maxConflictRounds && !todo.isEmpty(); round++) {
            Set<String> keys = Set.copyOf(todo);
            Map<String, LedgerEntry> stored;
            try {
                stored = withRetries("ledger read", () -> store.ledger(keys));
            } catch (StoreException e) {
                fail(todo, byKey, results, e);
                todo.clear();
                break;
            }
            List<LedgerChange> changes = new ArrayList<>();
            int batchEvents = 0;
            for (String key : byKey.keySet()) {
                if (!todo.contains(key)) {
                    continue;
                }
                LedgerEntry start = stored.get(key);
                LedgerEntry cur = start;
                for (int i : byKey.get(key)) {
                    try {
                        Lifecycle.Step step = lifecycle.next(cur, events.get(i));
                        cur = step.after();
                        results[i] = new Result(step.outcome(), null);
                    } catch (InvalidEventException e) {
                        if (allOrNothing) {
                            metrics.invalid.increment();
                            throw new InvalidEventException(
                                    (events.size() > 1 ? "event " + i + ": " : "") + e.getMessage());
                        }
                        results[i] = new Result(null, e);
                    }
                }
                if (cur != start) {
                    changes.add(new LedgerChange(start, cur.withVersion(start == null ? 1 : start.version() + 1)));
                    batchEvents += byKey.get(key).size();
                }
            }
            todo.clear();
            if (changes.isEmpty()) {
                break;
            }
            StoreBatch batch = new StoreBatch(UUID.randomUUID().toString(), changes);
            long started = System.nanoTime();
            ApplyResult applied;
            try {
                applied = applyWithRetries(batch);
            } catch (StoreRejectedException e) {
                if (changes.size() == 1) {
                    failKey(changes.get(0).key(), byKey, results, e, false);
                } else {
                    applyOneByOne(changes, byKey, results, todo);
                }
                continue;
            } catch (StoreException e) {
                for (LedgerChange c : changes) {
                    failKey(c.key(), byKey, results, e, true);
                }
                break;
            }
            long latency = System.nanoTime() - started;
            todo.addAll(applied.conflicts());
            afterApply(batch, applied.conflicts(), batchEvents, latency);
        }
        if (!todo.isEmpty()) {
            for (String key : todo) {
                for (int i : byKey.get(key)) {
                    results[i] = new Result(null, new ConcurrentUpdateException("order ledger entry " + key
                            + " kept changing under concurrent writers for " + maxConflictRounds + " attempts"));
                }
            }
        }
        count(results);
        return List.of(results);
    }

    /** Where {@link #reconcile} found an event. */
    public enum Fate { APPLIED, NOT_APPLIED, UNKNOWN }

    /**
     * After writes of {@code events} failed in a way that may have taken effect, finds out which did: recovers the
     * store (finishing batches left pending), reads the events' ledger entries once and replays each order's events
     * on them without writing. An event the ledger already reflects is applied; one that would still change it is
     * not. If recovery or the read fails, every event is UNKNOWN. Never throws; one attempt per store call.
     */
    public List<Fate> reconcile(List<OrderEvent> events) {
        List<Fate> out = new ArrayList<>(events.size());
        Map<String, LedgerEntry> stored;
        try {
            store.recover();
            Set<String> keys = new HashSet<>();
            events.forEach(e -> keys.add(e.ledgerKey()));
            stored = new java.util.HashMap<>(store.ledger(keys));
        } catch (RuntimeException e) {
            log.warn("could not tell which of {} events were applied: {}", events.size(), e.getMessage());
            events.forEach(e2 -> out.add(Fate.UNKNOWN));
            return out;
        }
        for (OrderEvent e : events) {
            LedgerEntry cur = stored.get(e.ledgerKey());
            Fate fate;
            try {
                Lifecycle.Step step = lifecycle.next(cur, e);
                fate = step.after() == cur ? Fate.APPLIED : Fate.NOT_APPLIED;
                stored.put(e.ledgerKey(), step.after());
            } catch (InvalidEventException invalid) {
                fate = Fate.NOT_APPLIED;
            }
            out.add(fate);
        }
        return out;
    }

    private void recoverIfNeeded() {
        if (recoveryNeeded.get()) {
            withRetries("recovery", store::recover);
            recoveryNeeded.set(false);
        }
    }

    /**
     * After the store refused a batch of several orders: writes each order's change as its own batch, so that only
     * the order the store cannot take fails.
     */
    private void applyOneByOne(List<LedgerChange> changes, Map<String, List<Integer>> byKey, Result[] results,
            Set<String> todo) {
        for (LedgerChange c : changes) {
            StoreBatch one = new StoreBatch(UUID.randomUUID().toString(), List.of(c));
            long started = System.nanoTime();
            try {
                ApplyResult r = applyWithRetries(one);
                todo.addAll(r.conflicts());
                afterApply(one, r.conflicts(), byKey.get(c.key()).size(), System.nanoTime() - started);
            } catch (StoreException e) {
                failKey(c.key(), byKey, results, e, !(e instanceof StoreRejectedException));
            }
        }
    }

    private static void failKey(String key, Map<String, List<Integer>> byKey, Result[] results, StoreException e,
            boolean maybeWritten) {
        for (int i : byKey.get(key)) {
            results[i] = new Result(null, e, maybeWritten);
        }
    }

    private static void fail(Set<String> keys, Map<String, List<Integer>> byKey, Result[] results, StoreException e) {
        for (String key : keys) {
            for (int i : byKey.get(key)) {
                results[i] = new Result(null, e);
            }
        }
    }

    /** Counts the results and tells the listeners about events a store failure or conflicts left unwritten. */
    private void count(Result[] results) {
        long ok = 0;
        long invalid = 0;
        int failed = 0;
        RuntimeException failure = null;
        for (Result r : results) {
            if (r.outcome() != null) {
                ok++;
            } else if (r.error() instanceof InvalidEventException) {
                invalid++;
            } else {
                failed++;
                failure = failure == null ? r.error() : failure;
            }
        }
        metrics.applied.add(ok);
        metrics.invalid.add(invalid);
        metrics.failed.add(failed);
        if (failure != null) {
            notifyWriteFailed(failed, failure);
        }
    }

    private ApplyResult applyWithRetries(StoreBatch batch) {
        try {
            return withRetries("write of batch " + batch.batchId(), () -> store.apply(batch));
        } catch (StoreRejectedException e) {
            log.error("store refused batch {} ({} ledger changes); its events fail and are not retried: {}",
                    batch.batchId(), batch.changes().size(), e.getMessage());
            throw e;
        } catch (StoreException e) {
            recoveryNeeded.set(true);
            throw e;
        }
    }

    private <T> T withRetries(String what, Supplier<T> call) {
        StoreException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                metrics.retried.increment();
            }
            try {
                return call.get();
            } catch (StoreRejectedException e) {
                throw e;
            } catch (StoreException e) {
                last = e;
                log.warn("store {} failed (attempt {}/{}): {}", what, attempt, retry.attempts(), e.getMessage());
                if (attempt < retry.attempts()) {
                    try {
                        retry.pause(attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("interrupted while waiting to retry the store " + what, e);
                    }
                }
            }
        }
        throw last;
    }

    private void notifyWriteFailed(int events, RuntimeException error) {
        for (AnalyticsListener l : listeners) {
            try {
                l.onWriteFailed(events, error);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in onWriteFailed", l, e);
            }
        }
    }

    private void afterApply(StoreBatch batch, Set<String> conflicts, int events, long latencyNanos) {
        if (listeners.isEmpty() && cache == AnalyticsCache.none()) {
            // nobody to tell which products and customers moved
            if (batch.changes().size() > conflicts.size()) {
                metrics.batch(events, latencyNanos);
            }
            return;
        }
        Set<String> products = new HashSet<>();
        Set<String> customers = new HashSet<>();
        int applied = 0;
        for (LedgerChange change : batch.changes()) {
            if (conflicts.contains(change.key())) {
                continue;
            }
            applied++;
            LedgerEntry e = change.after();
            if (e.order() != null) {
                customers.add(e.order().customerId());
                e.order().lines().forEach(l -> products.add(l.productId()));
            }
            for (RecordedRefund r : e.refunds()) {
                customers.add(r.customerId());
                r.lines().forEach(l -> products.add(l.productId()));
            }
        }
        if (applied == 0) {
            return;
        }
        metrics.batch(events, latencyNanos);
        List<CacheScope> scopes = new ArrayList<>(products.size() + customers.size() + 1);
        products.forEach(p -> scopes.add(CacheScope.product(p)));
        customers.forEach(c -> scopes.add(CacheScope.customer(c)));
        scopes.add(CacheScope.GLOBAL);
        try {
            cache.invalidate(scopes);
        } catch (RuntimeException e) {
            log.warn("cache invalidation failed; entries expire by TTL", e);
        }
        if (listeners.isEmpty()) {
            return;
        }
        AppliedBatch done = new AppliedBatch(batch.batchId(), events, applied, products, customers,
                Duration.ofNanos(latencyNanos));
        List<ThresholdCrossing> crossings = List.of();
        if (thresholds != null) {
            try {
                crossings = thresholds.crossings(batch.batchId(), batch.delta(conflicts));
            } catch (RuntimeException e) {
                log.warn("threshold crossings of batch {} could not be computed", batch.batchId(), e);
            }
        }
        for (AnalyticsListener l : listeners) {
            try {
                l.onBatchApplied(done);
                for (ThresholdCrossing c : crossings) {
                    l.onThresholdCrossed(c);
                }
            } catch (RuntimeException e) {
                log.warn("listener {} failed", l, e);
            }
        }
    }
}
