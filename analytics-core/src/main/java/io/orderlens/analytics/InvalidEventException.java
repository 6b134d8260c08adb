package io.orderlens.analytics;

/**
 * An order, event or refund was rejected before anything was written. The message names the offending field, the
 * value received and what was expected. Every aggregate is untouched when this is thrown.
 */
public class InvalidEventException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
