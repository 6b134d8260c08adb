package io.orderlens.analytics;

/**
 * The store refused a command in a way that a retry cannot change (a document beyond the server's size limit, a
 * value the server cannot encode, a command it rejects as malformed or unauthorized). Unlike other
 * {@link StoreException}s it is not retried: a synchronous call throws it at once, and in async mode the events it
 * covers fail once (their futures complete with it, listeners and {@code metrics().failed()} hear of it once) instead
 * of being parked. Nothing of the refused write took effect unless the message says otherwise.
 */
public class StoreRejectedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
