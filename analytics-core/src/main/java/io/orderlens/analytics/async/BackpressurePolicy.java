package io.orderlens.analytics.async;

/** What {@code Analytics.submit} does when the async queue is full. The queue is never unbounded. */
public enum BackpressurePolicy {
    /**
     * Wait for room up to {@link AsyncOptions#blockTimeout()}, then throw
     * {@link io.orderlens.analytics.QueueFullException}. The host's thread slows down to the store's pace.
     */
    BLOCK,
    /** Throw {@link io.orderlens.analytics.QueueFullException} at once; the host decides what to do with the event. */
    REJECT
}
