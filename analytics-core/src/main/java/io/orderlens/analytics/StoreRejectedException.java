package io.orderlens.analytics;

/**
 * The store refused a command in a way that a retry cannot change (a document beyond the server's size limit, a
 * value the server cannot encode, a command it rejects as malformed or unauthorized). Unlike other
 * {@link StoreException}s it is not retried: a synchronous call throws it at once, and in async mode the events it
 * covers fail once (their futures complete with it, listeners and {@code metrics().failed()} hear of it once) instead
 * of being parked. A refusal of the first write of a batch leaves nothing behind; a refusal of a later step (e.g. a
 * counter a host tool turned into a string) leaves the batch pending, and {@code recover()} finishes it once the
 * cause is removed.
 */
public class StoreRejectedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
