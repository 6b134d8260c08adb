package io.orderlens.analytics;

/**
 * An order kept changing under concurrent writers (other threads or other instances sharing the store) for more
 * attempts than the engine allows. Nothing of the failed event was applied; recording it again is safe.
 */
public class ConcurrentUpdateException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
