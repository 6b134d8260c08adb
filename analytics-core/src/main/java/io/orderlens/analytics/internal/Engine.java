package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into store batches: reads the ledger entries they touch, runs each order's events through the
 * {@link Lifecycle}, writes all changes as one {@link StoreBatch}, re-runs orders that lost a compare-and-set to a
 * concurrent writer, then invalidates the cache and notifies listeners. Thread-safe; holds no per-order locks, so
 * correctness across threads and instances rests on the store's compare-and-set.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final Lifecycle lifecycle;
    private final List<AnalyticsListener> listeners;
    private final int maxConflictRounds;
    private final int storeAttempts;
    private final Duration storeBackoff;
    private volatile boolean recoveryNeeded;

    public Engine(AnalyticsStore store, AnalyticsCache cache, Lifecycle lifecycle, List<AnalyticsListener> listeners,
            int maxConflictRounds, int storeAttempts, Duration storeBackoff) {
        this.store = store;
        this.cache = cache;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.maxConflictRounds = maxConflictRounds;
        this.storeAttempts = storeAttempts;
        this.storeBackoff = storeBackoff;
    }

    /** Outcome of one event: exactly one of {@code outcome} and {@code error} is set. */
    public record Result(RecordOutcome outcome, RuntimeException error) {}

    /**
     * Applies {@code events} as one batch (more if orders conflict with concurrent writers).
     *
     * @param allOrNothing if true and any event is invalid, throws its {@link InvalidEventException} (message
     *                     prefixed with the event's index) and writes nothing; if false, invalid events get their
     *                     error in the result and the others are applied
     * @throws StoreException if the store write keeps failing; a retry with the same events is safe
     */
    public List<Result> process(List<OrderEvent> events, boolean allOrNothing) {
        if (recoveryNeeded) {
            store.recover();
            recoveryNeeded = false;
        }
        Result[] results = new Result[events.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byKey.computeIfAbsent(events.get(i).ledgerKey(), k -> new ArrayList<>()).add(i);
        }
        Set<String> todo = new HashSet<>(byKey.keySet());
        for (int round = 0; round < maxConflictRounds && !todo.isEmpty(); round++) {
            Map<String, LedgerEntry> stored = store.ledger(todo);
            List<LedgerChange> changes = new ArrayList<>();
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
                            throw new InvalidEventException(
                                    (events.size() > 1 ? "event " + i + ": " : "") + e.getMessage());
                        }
                        results[i] = new Result(null, e);
                    }
                }
                if (cur != start) {
                    changes.add(new LedgerChange(start, cur.withVersion(start == null ? 1 : start.version() + 1)));
                }
            }
            todo.clear();
            if (changes.isEmpty()) {
                break;
            }
            StoreBatch batch = new StoreBatch(UUID.randomUUID().toString(), changes);
            long started = System.nanoTime();
            ApplyResult applied = applyWithRetries(batch, events.size());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            todo.addAll(applied.conflicts());
            afterApply(batch, applied.conflicts(), events.size(), latency);
        }
        if (!todo.isEmpty()) {
            for (String key : todo) {
                for (int i : byKey.get(key)) {
                    results[i] = new Result(null, new ConcurrentUpdateException("order ledger entry " + key
                            + " kept changing under concurrent writers for " + maxConflictRounds + " attempts"));
                }
            }
        }
        return List.of(results);
    }

    private ApplyResult applyWithRetries(StoreBatch batch, int events) {
        StoreException last = null;
        for (int attempt = 1; attempt <= storeAttempts; attempt++) {
            try {
                return store.apply(batch);
            } catch (StoreException e) {
                last = e;
                log.warn("store write of batch {} failed (attempt {}/{}): {}", batch.batchId(), attempt,
                        storeAttempts, e.getMessage());
                if (attempt < storeAttempts) {
                    sleep(storeBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
                }
            }
        }
        recoveryNeeded = true;
        for (AnalyticsListener l : listeners) {
            try {
                l.onWriteFailed(events, last);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in onWriteFailed", l, e);
            }
        }
        throw last;
    }

    private void afterApply(StoreBatch batch, Set<String> conflicts, int events, Duration latency) {
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
        AppliedBatch done = new AppliedBatch(batch.batchId(), events, applied, products, customers, latency);
        for (AnalyticsListener l : listeners) {
            try {
                l.onBatchApplied(done);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in onBatchApplied", l, e);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry a store write", e);
        }
    }
}
