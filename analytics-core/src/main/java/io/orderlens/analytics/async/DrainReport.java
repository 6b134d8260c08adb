package io.orderlens.analytics.async;

import io.orderlens.analytics.model.OrderEvent;
import java.util.List;

/**
 * What a {@code flush} or {@code retryFailed} of the async pipeline left unapplied ({@code close} reports in a
 * {@link CloseReport}).
 *
 * @param pending   events accepted before the call that were still waiting in the queue when it returned
 * @param unapplied events whose store write failed after every retry, in acceptance order; they are parked and
 *                  retried while the pipeline is open, and a close reports them in its {@link CloseReport}
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
