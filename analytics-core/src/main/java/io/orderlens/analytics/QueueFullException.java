package io.orderlens.analytics;

/**
 * The async queue had no room for an event: at once under {@code BackpressurePolicy.REJECT}, or after waiting the
 * block timeout under {@code BLOCK}. The event was not accepted; nothing was written. Submitting it again later is
 * safe.
 */
public class QueueFullException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}
