package io.orderlens.analytics;

/**
 * The store could not complete a read or a write (unreachable, timed out, rejected the command). Adapters translate
 * their driver exceptions into this type at their boundary. A failed write may be retried with the same batch:
 * stores apply a batch at most once.
 */
public class StoreException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
