package io.orderlens.analytics.internal;

import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.OrderEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An event accepted by the async pipeline, with the future its submitter holds. Identity matters: no equals. */
final class QueuedEvent {
    final OrderEvent event;
    final CompletableFuture<RecordOutcome> future = new CompletableFuture<>();
    /** A write of this event failed after the store may have begun it; set by the writer, read after it stopped. */
    volatile boolean maybeWritten;

    QueuedEvent(OrderEvent event) {
        this.event = event;
    }

    String key() {
        return event.ledgerKey();
    }

    static List<OrderEvent> events(Collection<QueuedEvent> queued) {
        List<OrderEvent> out = new ArrayList<>(queued.size());
        for (QueuedEvent q : queued) {
            out.add(q.event);
        }
        return out;
    }
}
