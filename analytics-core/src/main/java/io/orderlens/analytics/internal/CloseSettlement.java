package io.orderlens.analytics.internal;

import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.model.OrderEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the events the async pipeline held when its close began into applied, not applied and outcome unknown, and
 * completes the futures still open: applied ones with {@link RecordOutcome#DUPLICATE} (their effect is in the store),
 * the others with a {@link StoreException} pointing at the close report. Events whose write may have taken effect are
 * looked up with {@link Engine#reconcile} when the writer has stopped; while it is stuck, they are unknown.
 */
final class CloseSettlement {
    private CloseSettlement() {}

    /**
     * @param held     every event held when the close began, in order
     * @param stuck    whether the writer thread is still inside a store call
     * @param inFlight the events of the batch the writer was writing when it stopped (or got stuck)
     */
    static CloseReport settle(Engine engine, List<QueuedEvent> held, boolean stuck, Set<QueuedEvent> inFlight) {
        List<QueuedEvent> toCheck = new ArrayList<>();
        for (QueuedEvent q : held) {
            if (!q.future.isDone() && !stuck && q.maybeWritten) {
                toCheck.add(q);
            }
        }
        Map<QueuedEvent, Reconciler.Fate> fates = new IdentityHashMap<>();
        if (!toCheck.isEmpty()) {
            List<Reconciler.Fate> found = engine.reconciler().reconcile(QueuedEvent.events(toCheck));
            for (int i = 0; i < toCheck.size(); i++) {
                fates.put(toCheck.get(i), found.get(i));
            }
        }
        List<OrderEvent> applied = new ArrayList<>();
        List<OrderEvent> notApplied = new ArrayList<>();
        List<OrderEvent> unknown = new ArrayList<>();
        StoreException notWritten = new StoreException("not applied before the async pipeline closed; the event is "
                + "listed in the close report and can be recorded again");
        StoreException unsure = new StoreException("the async pipeline closed before this event's write could be "
                + "confirmed; it is listed in the close report with an unknown outcome and can be recorded again");
        for (QueuedEvent q : held) {
            Reconciler.Fate fate;
            if (q.future.isDone()) {
                fate = q.future.isCompletedExceptionally() ? Reconciler.Fate.NOT_APPLIED : Reconciler.Fate.APPLIED;
            } else if (stuck && (inFlight.contains(q) || q.maybeWritten)) {
                fate = Reconciler.Fate.UNKNOWN;
            } else {
                fate = fates.getOrDefault(q, Reconciler.Fate.NOT_APPLIED);
            }
            switch (fate) {
                case APPLIED -> {
                    q.future.complete(RecordOutcome.DUPLICATE);
                    applied.add(q.event);
                }
                case NOT_APPLIED -> {
                    q.future.completeExceptionally(notWritten);
                    notApplied.add(q.event);
                }
                case UNKNOWN -> {
                    q.future.completeExceptionally(unsure);
                    unknown.add(q.event);
                }
            }
        }
        return new CloseReport(applied, notApplied, unknown);
    }
}
