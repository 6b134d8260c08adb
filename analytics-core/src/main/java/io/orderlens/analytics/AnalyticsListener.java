package io.orderlens.analytics;

/**
 * Receives what the engine did: the hook for live dashboards and notifications. Register with
 * {@code Analytics.builder().listener(...)}.
 *
 * <p><b>Delivery.</b> Write-path notifications ({@link #onBatchApplied}, {@link #onWriteFailed},
 * {@link #onThresholdCrossed}) are queued and delivered, in the order they were raised, by one dedicated thread, so
 * a slow listener never stalls a write. The queue is bounded ({@code Analytics.Builder.listenerQueueCapacity}); when
 * it is full the notification is dropped and counted in {@link MetricsSnapshot#notificationsDropped()}: writes are
 * never held back for a listener. A listener that throws is logged and counted in
 * {@link MetricsSnapshot#listenerFailures()}; the next listener and the next notification are delivered as usual.
 * {@link #onCalculatorFailure} is a read-path event and is called on the thread that ran the query. Implementations
 * must therefore be thread-safe and must not assume they run on the recording thread.
 */
public interface AnalyticsListener {

    /** A batch was written to the store. */
    default void onBatchApplied(AppliedBatch batch) {}

    /**
     * A store write still failed after its retries; {@code error} says why. In async mode the batch's events are
     * parked and re-tried ({@code Analytics.retryFailed}); in sync mode the caller got the exception. Either way
     * recording them again is safe.
     *
     * @param events events of the failed write
     */
    default void onWriteFailed(int events, Throwable error) {}

    /** A product's rating tier or a customer's tier or frequency class changed because of an applied batch. */
    default void onThresholdCrossed(ThresholdCrossing crossing) {}

    /**
     * A host-supplied calculator threw or returned null while answering a query; the preset answer was used instead.
     * Called on the querying thread; a listener that throws here is logged and skipped.
     */
    default void onCalculatorFailure(CalculatorException error) {}
}
