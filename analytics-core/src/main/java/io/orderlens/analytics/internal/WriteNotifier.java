package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.ThresholdCrossing;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a store write: batch metrics, cache invalidation and listener notification (applied batches,
 * threshold crossings, write failures). Never throws for a failing cache, listener or threshold check: it logs them.
 * Thread-safe if the cache and the listeners are.
 */
final class WriteNotifier {
    private static final Logger log = LoggerFactory.getLogger(WriteNotifier.class);

    private final AnalyticsCache cache;
    private final List<AnalyticsListener> listeners;
    private final Thresholds thresholds;
    private final PipelineMetrics metrics;

    /**
     * @param thresholds finds threshold crossings after each applied batch, or null to skip (also skipped when
     *                   there are no listeners)
     */
    WriteNotifier(
            AnalyticsCache cache, List<AnalyticsListener> listeners, Thresholds thresholds, PipelineMetrics metrics) {
        this.cache = cache;
        this.listeners = List.copyOf(listeners);
        this.thresholds = thresholds;
        this.metrics = metrics;
    }

    /** Tells the listeners that {@code events} events were not written because of {@code error}. */
    void writeFailed(int events, RuntimeException error) {
        for (AnalyticsListener l : listeners) {
            try {
                l.onWriteFailed(events, error);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in onWriteFailed", l, e);
            }
        }
    }

    /**
     * After a store write of {@code batch} in which the keys in {@code conflicts} lost their compare-and-set: records
     * the batch metrics, invalidates the cache scopes of the products and customers the applied changes touched, and
     * tells the listeners (applied batch, then the threshold crossings found from the merged effects the store was
     * handed). Does nothing when no change was applied. Cache and listener failures are logged, not thrown.
     */
    void applied(StoreBatch batch, Set<String> conflicts, int events, long latencyNanos) {
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
        int customerEntries = 0;
        for (LedgerChange change : batch.changes()) {
            if (conflicts.contains(change.key())) {
                continue;
            }
            applied++;
            LedgerEntry e = change.after();
            if (e.isCustomer()) {
                customerEntries++;
            }
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
        // a customer's first-order-day entry is bookkeeping of the orders' changes, not a change a host asked for
        AppliedBatch done = new AppliedBatch(
                batch.batchId(),
                events,
                applied - customerEntries,
                products,
                customers,
                Duration.ofNanos(latencyNanos));
        List<ThresholdCrossing> crossings = List.of();
        if (thresholds != null) {
            try {
                // the effects handed to the store, merged (a deferred effect produces its increments again)
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
