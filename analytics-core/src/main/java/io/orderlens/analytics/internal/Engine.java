package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.BeyondRetentionException;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Instant;
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
 * {@link Lifecycle}, writes all changes as one {@link StoreBatch} together with the changes of the exposure entries
 * that hold the attributed orders' shares ({@link SharePushes}), re-runs orders that lost a compare-and-set to a
 * concurrent writer and settles shares whose exposure entry changed under the write in the next round, then
 * invalidates the cache and notifies listeners (applied batch, threshold crossings). Store
 * reads and writes are retried per the {@link RetryPolicy}; a write is retried with the same batch id, which a store
 * applies at most once, except a {@link StoreRejectedException}, which no retry can change. Thread-safe; holds no
 * per-order locks, so correctness across threads and instances rests on the store's compare-and-set. Within one
 * instance, writes share a read lock that {@link #exclusive} takes for writing, so a rebuild never overlaps a write.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private final AnalyticsStore store;
    private final Lifecycle lifecycle;
    private final int maxConflictRounds;
    private final StoreCalls calls;
    private final PipelineMetrics metrics;
    private final WriteNotifier notifier;
    private final ReadWriteLock writes;
    private final ExperimentDefinitions experiments;
    /** Null without a retention setting. */
    private final Supplier<Instant> horizonFloor;

    /**
     * @param thresholds finds threshold crossings after each applied batch, or null to skip (also skipped when
     *                   there are no listeners)
     */
    public Engine(
            AnalyticsStore store,
            AnalyticsCache cache,
            Lifecycle lifecycle,
            List<AnalyticsListener> listeners,
            int maxConflictRounds,
            RetryPolicy retry,
            Thresholds thresholds,
            PipelineMetrics metrics,
            ExperimentDefinitions experiments) {
        this(
                store,
                lifecycle,
                maxConflictRounds,
                new StoreCalls(store, retry, metrics, new AtomicBoolean()),
                metrics,
                new WriteNotifier(cache, listeners, thresholds, metrics),
                new ReentrantReadWriteLock(),
                experiments,
                null);
    }

    private Engine(
            AnalyticsStore store,
            Lifecycle lifecycle,
            int maxConflictRounds,
            StoreCalls calls,
            PipelineMetrics metrics,
            WriteNotifier notifier,
            ReadWriteLock writes,
            ExperimentDefinitions experiments,
            Supplier<Instant> horizonFloor) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.maxConflictRounds = maxConflictRounds;
        this.calls = calls;
        this.metrics = metrics;
        this.notifier = notifier;
        this.writes = writes;
        this.experiments = experiments;
        this.horizonFloor = horizonFloor;
    }

    /**
     * An engine sharing everything with this one (the pending-recovery flag and the write lock too) but retrying per
     * {@code r}.
     */
    public Engine withRetry(RetryPolicy r) {
        return new Engine(
                store,
                lifecycle,
                maxConflictRounds,
                calls.withRetry(r),
                metrics,
                notifier,
                writes,
                experiments,
                horizonFloor);
    }

    /**
     * An engine sharing everything with this one, that applies the retention rules with at least the horizon
     * {@code floor} gives (e.g. the clock's now minus the configured retention) even before a compaction stored it.
     */
    public Engine withHorizonFloor(Supplier<Instant> floor) {
        return new Engine(store, lifecycle, maxConflictRounds, calls, metrics, notifier, writes, experiments, floor);
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
        calls.recoverBeforeNextWrite();
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

    /** What {@link #process} does with the invalid events of a batch. */
    public enum InvalidEvents {
        /** The first invalid event's error is thrown (message prefixed with its index) and nothing is written. */
        REJECT_BATCH,
        /** Each invalid event gets its error in its result; the other events are applied. */
        SKIP
    }

    /**
     * Applies {@code events} as one batch (more if orders conflict with concurrent writers).
     *
     * @param invalid what to do with invalid events (see {@link InvalidEvents})
     * @throws InvalidEventException with {@link InvalidEvents#REJECT_BATCH}, if any event is invalid
     * @throws StoreException if a store call keeps failing; a retry with the same events is safe
     */
    public List<Result> process(List<OrderEvent> events, InvalidEvents invalid) {
        List<Result> results = run(events, invalid);
        for (Result r : results) {
            if (r.error() instanceof StoreException e) {
                throw e;
            }
        }
        return results;
    }

    /**
     * Like {@code process(events, SKIP)} but never throws {@link StoreException}: the events a failing store call
     * left unwritten carry it as their error, while events of orders written before the failure keep their outcome.
     * Other runtime exceptions (a store breaking its contract) propagate.
     */
    public List<Result> tryProcess(List<OrderEvent> events) {
        return run(events, InvalidEvents.SKIP);
    }

    private List<Result> run(List<OrderEvent> events, InvalidEvents invalid) {
        writes.readLock().lock();
        try {
            return runLocked(events, invalid);
        } finally {
            writes.readLock().unlock();
        }
    }

    private List<Result> runLocked(List<OrderEvent> events, InvalidEvents invalid) {
        Result[] results = new Result[events.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            // most keys have one event: a list of one slot, grown for the others
            byKey.computeIfAbsent(events.get(i).ledgerKey(), k -> new ArrayList<>(1))
                    .add(i);
        }
        Set<String> todo = new HashSet<>(byKey.keySet());
        // orders written already whose shares in their experiments' exposure entries are still to be settled
        Set<String> settle = new HashSet<>();
        try {
            calls.recoverIfNeeded();
        } catch (StoreException e) {
            fail(todo, byKey, results, e);
            todo.clear();
        }
        FirstOrderDays firstDays = new FirstOrderDays();
        for (int round = 0;
                round < maxConflictRounds && !(todo.isEmpty() && settle.isEmpty() && !firstDays.pending());
                round++) {
            settle.removeAll(todo);
            Set<String> keys = new HashSet<>(todo);
            keys.addAll(settle);
            Set<String> customerKeys = firstDays.keysToRead(customersOf(keys, byKey, events, Map.of()));
            List<String> keysAndHorizon = new ArrayList<>(keys.size() + customerKeys.size() + 1);
            keysAndHorizon.addAll(keys);
            keysAndHorizon.addAll(customerKeys);
            keysAndHorizon.add(LedgerEntry.HORIZON);
            Map<String, LedgerEntry> stored;
            try {
                // read only by key: the horizon's entry may stay in it, since no order or customer has its key
                stored = calls.call("ledger read", () -> store.ledger(keysAndHorizon));
            } catch (StoreException e) {
                failRound(todo, settle, byKey, results, e);
                break;
            }
            LedgerEntry horizonEntry = stored.get(LedgerEntry.HORIZON);
            Instant horizon = horizonEntry == null ? null : horizonEntry.updatedAt();
            if (horizonFloor != null) {
                Instant floor = horizonFloor.get();
                horizon = horizon == null || floor.isAfter(horizon) ? floor : horizon;
            }
            Attribution.Exposures exposures;
            try {
                exposures = exposuresOf(keys, byKey, events, stored);
            } catch (StoreException e) {
                failRound(todo, settle, byKey, results, e);
                break;
            }
            List<LedgerChange> changes = new ArrayList<>();
            SharePushes pushes = new SharePushes(exposures.entries());
            int batchEvents = 0;
            for (String key : byKey.keySet()) {
                if (!todo.contains(key)) {
                    if (settle.contains(key)) {
                        pushes.push(key, stored.get(key), true);
                    }
                    continue;
                }
                LedgerEntry start = stored.get(key);
                LedgerEntry cur = start;
                List<Integer> ofKey = byKey.get(key);
                for (int n = 0; n < ofKey.size(); n++) {
                    int i = ofKey.get(n);
                    try {
                        Lifecycle.Step step = Retention.next(lifecycle, horizon, start, cur, events.get(i));
                        cur = step.after();
                        results[i] = new Result(step.outcome(), null);
                    } catch (InvalidEventException e) {
                        if (invalid == InvalidEvents.REJECT_BATCH) {
                            metrics.invalid.increment();
                            String prefix = events.size() > 1 ? "event " + i + ": " : "";
                            if (e instanceof BeyondRetentionException b) {
                                throw new BeyondRetentionException(prefix + b.getMessage(), b.horizon());
                            }
                            throw new InvalidEventException(prefix + e.getMessage());
                        }
                        results[i] = new Result(null, e);
                    }
                }
                if (cur != start) {
                    cur = Attribution.attribute(start, cur, exposures);
                    long version = start == null ? 1 : start.version() + 1;
                    LedgerEntry after = cur.version() == version ? cur : cur.withVersion(version);
                    changes.add(new LedgerChange(start, after, Contributions.deferredChange(start, after)));
                    batchEvents += byKey.get(key).size();
                    pushes.push(key, after, false);
                } else {
                    pushes.push(key, start, true);
                }
            }
            changes.addAll(pushes.changes());
            try {
                firstDays.addChanges(
                        changes,
                        stored,
                        more -> calls.call("ledger read", () -> store.ledger(more)),
                        ids -> calls.call("customer read", () -> store.read(Aggregate.CUSTOMERS, ids)));
            } catch (StoreException e) {
                failRound(todo, settle, byKey, results, e);
                break;
            }
            todo.clear();
            settle.clear();
            if (changes.isEmpty()) {
                settle.addAll(pushes.unsettled());
                continue;
            }
            StoreBatch batch = new StoreBatch(UUID.randomUUID().toString(), changes);
            long started = System.nanoTime();
            ApplyResult applied;
            try {
                applied = calls.apply(batch);
            } catch (StoreRejectedException e) {
                List<LedgerChange> notCustomers = new ArrayList<>();
                for (LedgerChange c : changes) {
                    if (!c.after().isCustomer()) {
                        notCustomers.add(c);
                    }
                }
                Set<String> notApplied = new HashSet<>();
                if (notCustomers.isEmpty()) {
                    break; // only customers' entries: the next round would be refused alike
                } else if (notCustomers.size() == 1) {
                    changes.forEach(c -> notApplied.add(c.key()));
                    failChange(notCustomers.get(0).key(), pushes, byKey, results, e, false);
                } else {
                    notApplied.addAll(applyOneByOne(changes, pushes, byKey, results, todo, settle));
                }
                firstDays.applied(notApplied);
                continue;
            } catch (StoreException e) {
                for (LedgerChange c : changes) {
                    failChange(c.key(), pushes, byKey, results, e, true);
                }
                break;
            }
            long latency = System.nanoTime() - started;
            route(applied.conflicts(), pushes, todo, settle);
            firstDays.applied(applied.conflicts());
            for (String key : pushes.unsettled()) {
                if (!todo.contains(key)) {
                    settle.add(key);
                }
            }
            settle.retainAll(byKey.keySet());
            notifier.applied(batch, applied.conflicts(), batchEvents, latency);
        }
        if (firstDays.pending()) {
            log.warn(
                    "the first order day of {} customers kept changing under concurrent writers for {} attempts;"
                            + " the new-customer counts may drift until rebuild() (verify() reports it)",
                    firstDays.pendingCustomers(),
                    maxConflictRounds);
        }
        if (!settle.isEmpty()) {
            for (String key : settle) {
                for (int i : byKey.get(key)) {
                    if (results[i] != null && results[i].outcome() != null) {
                        results[i] = new Result(
                                null,
                                new ConcurrentUpdateException("the attributed share of " + key
                                        + " in its experiments kept changing under concurrent writers for "
                                        + maxConflictRounds + " attempts; recording its events again completes it"),
                                true);
                    }
                }
            }
        }
        if (!todo.isEmpty()) {
            for (String key : todo) {
                for (int i : byKey.get(key)) {
                    results[i] = new Result(
                            null,
                            new ConcurrentUpdateException(
                                    "order ledger entry " + key + " kept changing under concurrent writers for "
                                            + maxConflictRounds + " attempts"));
                }
            }
        }
        count(results);
        return List.of(results);
    }

    /** The exposures the orders at {@code keys} may be attributed to; see {@link Attribution#exposuresOf}. */
    private Attribution.Exposures exposuresOf(
            Set<String> keys,
            Map<String, List<Integer>> byKey,
            List<OrderEvent> events,
            Map<String, LedgerEntry> stored) {
        List<Experiment> live = experiments == null ? List.of() : experiments.attributable();
        Set<String> linked = new HashSet<>();
        for (String key : keys) {
            LedgerEntry e = stored.get(key);
            if (e != null && e.order() != null) {
                for (String experiment : e.linkedKeys()) {
                    linked.add(Exposure.ledgerKey(experiment, e.order().customerId()));
                }
            }
        }
        return Attribution.exposuresOf(
                live,
                live.isEmpty() ? Set.of() : customersOf(keys, byKey, events, stored),
                linked,
                exposureKeys -> calls.call("exposure read", () -> store.ledger(exposureKeys)));
    }

    /** The customers of the orders at {@code keys}, stored or arriving in this batch. */
    private static Set<String> customersOf(
            Set<String> keys,
            Map<String, List<Integer>> byKey,
            List<OrderEvent> events,
            Map<String, LedgerEntry> stored) {
        Set<String> customers = new HashSet<>();
        for (String key : keys) {
            LedgerEntry e = stored.get(key);
            if (e != null && e.order() != null) {
                customers.add(e.order().customerId());
            }
            List<Integer> ofKey = byKey.get(key);
            for (int n = 0; n < ofKey.size(); n++) {
                OrderEvent event = events.get(ofKey.get(n));
                if (event.order() != null) {
                    customers.add(event.order().customerId());
                }
            }
        }
        return customers;
    }

    /** Reads ledger entries, retrying per the retry policy. */
    public Map<String, LedgerEntry> readLedger(Set<String> keys) {
        return calls.call("ledger read", () -> store.ledger(keys));
    }

    /**
     * Applies ledger changes other than orders' (experiment definitions, exposures) as one batch, under the same
     * write lock, recovery and retries as order batches.
     *
     * @throws StoreException if the store keeps failing; the same changes may be applied again safely
     */
    public ApplyResult applyChanges(List<LedgerChange> changes) {
        writes.readLock().lock();
        try {
            calls.recoverIfNeeded();
            return calls.apply(new StoreBatch(UUID.randomUUID().toString(), changes));
        } finally {
            writes.readLock().unlock();
        }
    }

    /**
     * Compacts ledger entries as one store batch ({@link AnalyticsStore#compact}), under the same write lock,
     * recovery and retries as order batches; a retry uses the same batch id.
     *
     * @throws StoreException if the store keeps failing; the batch may be half-applied until {@code recover()}
     */
    public ApplyResult compact(List<LedgerChange> changes) {
        writes.readLock().lock();
        try {
            calls.recoverIfNeeded();
            StoreBatch batch = new StoreBatch(UUID.randomUUID().toString(), changes);
            try {
                return calls.call("compaction of batch " + batch.batchId(), () -> store.compact(batch));
            } catch (StoreException e) {
                calls.recoverBeforeNextWrite();
                throw e;
            }
        } finally {
            writes.readLock().unlock();
        }
    }

    /** Finds out, after a failed write, which of its events took effect; see {@link Reconciler}. */
    public Reconciler reconciler() {
        return new Reconciler(store, lifecycle);
    }

    /**
     * After the store refused a batch of several orders: writes each order's change as its own batch, so that only
     * the order the store cannot take fails.
     */
    private Set<String> applyOneByOne(
            List<LedgerChange> changes,
            SharePushes pushes,
            Map<String, List<Integer>> byKey,
            Result[] results,
            Set<String> todo,
            Set<String> settle) {
        Set<String> notApplied = new HashSet<>();
        for (LedgerChange c : changes) {
            StoreBatch one = new StoreBatch(UUID.randomUUID().toString(), List.of(c));
            long started = System.nanoTime();
            try {
                ApplyResult r = calls.apply(one);
                notApplied.addAll(r.conflicts());
                route(r.conflicts(), pushes, todo, settle);
                int events = byKey.containsKey(c.key()) ? byKey.get(c.key()).size() : 0;
                notifier.applied(one, r.conflicts(), events, System.nanoTime() - started);
            } catch (StoreException e) {
                notApplied.add(c.key());
                failChange(c.key(), pushes, byKey, results, e, !(e instanceof StoreRejectedException));
            }
        }
        return notApplied;
    }

    /**
     * Sorts a write's conflicts: an order's events are run again ({@code todo}); an exposure entry that changed
     * under the write leaves the shares of the orders pushed into it to settle in the next round; a customer's
     * entry is {@link FirstOrderDays}' to write again.
     */
    private static void route(Set<String> conflicts, SharePushes pushes, Set<String> todo, Set<String> settle) {
        for (String key : conflicts) {
            if (pushes.changes(key)) {
                settle.addAll(pushes.pushersOf(key));
            } else if (!key.startsWith(LedgerEntry.CUSTOMER_PREFIX)) {
                todo.add(key);
            }
        }
        settle.removeAll(todo);
    }

    /** Fails the events behind change {@code key}: an order's own, or those of the orders pushed into an exposure. */
    private static void failChange(
            String key,
            SharePushes pushes,
            Map<String, List<Integer>> byKey,
            Result[] results,
            StoreException e,
            boolean maybeWritten) {
        if (byKey.containsKey(key)) {
            failKey(key, byKey, results, e, maybeWritten);
        } else {
            for (String order : pushes.pushersOf(key)) {
                failKey(order, byKey, results, e, true);
            }
        }
    }

    /**
     * Fails every event still open when a store call of a round failed: those not yet written ({@code todo}) and those
     * written whose shares are not settled ({@code settle}); empties both.
     */
    private static void failRound(
            Set<String> todo,
            Set<String> settle,
            Map<String, List<Integer>> byKey,
            Result[] results,
            StoreException e) {
        fail(todo, byKey, results, e);
        failWritten(settle, byKey, results, e);
        todo.clear();
        settle.clear();
    }

    /** Fails the events of orders already written whose shares are not settled: recording them again settles them. */
    private static void failWritten(
            Set<String> keys, Map<String, List<Integer>> byKey, Result[] results, StoreException e) {
        for (String key : keys) {
            failKey(key, byKey, results, e, true);
        }
    }

    private static void failKey(
            String key, Map<String, List<Integer>> byKey, Result[] results, StoreException e, boolean maybeWritten) {
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
            notifier.writeFailed(failed, failure);
        }
    }
}
