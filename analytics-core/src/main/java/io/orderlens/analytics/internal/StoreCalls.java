package io.orderlens.analytics.internal;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's calls to the store: each retried per a {@link RetryPolicy} (a {@link StoreRejectedException} never),
 * and a failed batch write marks the store for {@code recover()} before the next write. Thread-safe; copies made by
 * {@link #withRetry} share the pending-recovery flag.
 */
final class StoreCalls {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final AnalyticsStore store;
    private final RetryPolicy retry;
    private final PipelineMetrics metrics;
    private final AtomicBoolean recoveryNeeded;

    StoreCalls(AnalyticsStore store, RetryPolicy retry, PipelineMetrics metrics, AtomicBoolean recoveryNeeded) {
        this.store = store;
        this.retry = retry;
        this.metrics = metrics;
        this.recoveryNeeded = recoveryNeeded;
    }

    /** The same calls retried per {@code r}, sharing the pending-recovery flag. */
    StoreCalls withRetry(RetryPolicy r) {
        return new StoreCalls(store, r, metrics, recoveryNeeded);
    }

    /** Makes the next {@link #recoverIfNeeded} run {@code store.recover()}. */
    void recoverBeforeNextWrite() {
        recoveryNeeded.set(true);
    }

    /** Runs {@code store.recover()} (retried) if a failed write asked for it. */
    void recoverIfNeeded() {
        if (recoveryNeeded.get()) {
            call("recovery", store::recover);
            recoveryNeeded.set(false);
        }
    }

    /** Writes {@code batch}, retried; a failure that may have left it half-applied asks for recovery. */
    ApplyResult apply(StoreBatch batch) {
        try {
            return call("write of batch " + batch.batchId(), () -> store.apply(batch));
        } catch (StoreRejectedException e) {
            log.error(
                    "store refused batch {} ({} ledger changes); its events fail and are not retried: {}",
                    batch.batchId(),
                    batch.changes().size(),
                    e.getMessage());
            throw e;
        } catch (StoreException e) {
            recoveryNeeded.set(true);
            throw e;
        }
    }

    /** Runs {@code call}, retried per the policy; {@code what} names it in logs and errors. */
    <T> T call(String what, Supplier<T> call) {
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
}
