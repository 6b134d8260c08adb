package io.orderlens.analytics.async;

import io.orderlens.analytics.model.OrderEvent;
import java.util.List;

/**
 * What a {@code flush}, {@code retryFailed} or {@code close} of the async pipeline left unapplied.
 *
 * @param pending   events accepted before the call that were still waiting in the queue when it returned (always 0
 *                  after a close: what close could not apply is in {@code unapplied})
 * @param unapplied events whose store write failed after every retry, in acceptance order. While the pipeline is
 *                  open they are parked and retried; after a close they are handed back here, and the host may
 *                  record them again later (events are idempotent, so re-recording cannot double count)
 */
public record DrainReport(int pending, List<OrderEvent> unapplied) {

    public DrainReport {
        if (pending < 0) {
            throw new IllegalArgumentException("pending must not be negative, got " + pending);
        }
        unapplied = List.copyOf(unapplied);
    }

    /** Nothing is pending and nothing is unapplied. */
    public static DrainReport empty() {
        return new DrainReport(0, List.of());
    }

    /** True when every event the call covered has been applied. */
    public boolean complete() {
        return pending == 0 && unapplied.isEmpty();
    }
}
