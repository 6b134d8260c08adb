package io.orderlens.analytics;

/**
 * Root of every exception the library throws. Unchecked: callers catch the subclass they can act on.
 */
public class AnalyticsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnalyticsException(String message) {
        super(message);
    }

    public AnalyticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
