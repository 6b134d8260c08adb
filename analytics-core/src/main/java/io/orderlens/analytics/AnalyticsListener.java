package io.orderlens.analytics;

/**
 * Receives what the engine did. Called on the thread that applied the batch, after the store write; implementations
 * must be quick and thread-safe. A listener that throws is logged and skipped; it never fails a write.
 */
public interface AnalyticsListener {

    /** A batch was written to the store. */
    default void onBatchApplied(AppliedBatch batch) {}

    /** A write failed after its retries; {@code error} says why. The events stay recoverable. */
    default void onWriteFailed(int events, Throwable error) {}

    /** A host-supplied calculator threw or returned null; the preset answer was used instead. */
    default void onCalculatorFailure(CalculatorException error) {}
}
