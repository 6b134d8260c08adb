package io.orderlens.analytics.async;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.ThresholdCrossing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Keeps every notification; tests wait for a number of applied batches with {@link #awaitBatches}. */
public final class CollectingListener implements AnalyticsListener {
    private final List<AppliedBatch> batches = new ArrayList<>();
    private final List<ThresholdCrossing> crossings = new ArrayList<>();
    private final Semaphore batchSignals = new Semaphore(0);

    @Override
    public synchronized void onBatchApplied(AppliedBatch batch) {
        batches.add(batch);
        batchSignals.release();
    }

    @Override
    public synchronized void onThresholdCrossed(ThresholdCrossing crossing) {
        crossings.add(crossing);
    }

    /** Waits until {@code n} more batches were delivered (notifications arrive in order, so earlier ones too). */
    public void awaitBatches(int n) throws InterruptedException {
        if (!batchSignals.tryAcquire(n, 20, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + n + " more applied batches within 20 s");
        }
    }

    public synchronized List<AppliedBatch> batches() {
        return List.copyOf(batches);
    }

    public synchronized List<ThresholdCrossing> crossings() {
        return List.copyOf(crossings);
    }
}
