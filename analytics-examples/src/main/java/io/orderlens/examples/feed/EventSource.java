package io.orderlens.examples.feed;

import io.orderlens.analytics.model.OrderEvent;
import java.util.Iterator;

/**
 * A stream of order events to feed into the library, produced lazily so that memory stays bounded. Not thread-safe.
 */
public interface EventSource extends Iterator<OrderEvent> {

    /** How far through its input the source is, 0..1; used for the progress bar. */
    double progress();
}
