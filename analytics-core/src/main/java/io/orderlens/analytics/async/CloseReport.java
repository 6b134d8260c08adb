package io.orderlens.analytics.async;

import io.orderlens.analytics.model.OrderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code Analytics.close(timeout)} did with every event the async pipeline still held when the close began
 * (queued, being written, or parked after failed writes). Each such event is in exactly one list, in the order the
 * pipeline held them.
 *
 * <p>A host may safely re-send every event of {@link #notApplied()} and {@link #outcomeUnknown()} (see
 * {@link #toResend()}): recording an event whose effect is already in the store is a {@code DUPLICATE} and changes
 * nothing. Re-sending {@link #applied()} events is equally harmless and never needed.
 *
 * @param applied        events whose effect is in the store: written during the close, or found in the ledger after
 *                       a write whose acknowledgement was lost (their futures completed normally)
 * @param notApplied     events with no effect in the store: never written, or refused (their futures failed; a
 *                       refused event fails again when re-sent, for the reason its future gave)
 * @param outcomeUnknown events whose write was started but could not be confirmed either way: the writer was stuck in
 *                       a store call, or the store could not be read after a failed write; part of such a write may be
 *                       finished later by {@code recover()} (their futures failed)
 */
public record CloseReport(List<OrderEvent> applied, List<OrderEvent> notApplied, List<OrderEvent> outcomeUnknown) {

    public CloseReport {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        outcomeUnknown = List.copyOf(outcomeUnknown);
    }

    /** Nothing was held when the close began. */
    public static CloseReport empty() {
        return new CloseReport(List.of(), List.of(), List.of());
    }

    /** True when every event held at close has its effect in the store. */
    public boolean complete() {
        return notApplied.isEmpty() && outcomeUnknown.isEmpty();
    }

    /** {@link #notApplied()} followed by {@link #outcomeUnknown()}: what a host should record again later. */
    public List<OrderEvent> toResend() {
        List<OrderEvent> out = new ArrayList<>(notApplied.size() + outcomeUnknown.size());
        out.addAll(notApplied);
        out.addAll(outcomeUnknown);
        return List.copyOf(out);
    }
}
