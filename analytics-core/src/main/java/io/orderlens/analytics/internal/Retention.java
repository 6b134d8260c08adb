package io.orderlens.analytics.internal;

import io.orderlens.analytics.BeyondRetentionException;
import io.orderlens.analytics.model.Checks;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Instant;

/**
 * The retention rules: which ledger entries are final and may be compacted, and what an event for one of them does.
 * Stateless and thread-safe.
 *
 * <p>An entry is <b>final</b> once the horizon has passed it: an order settled (canceled, or counted and delivered or
 * fully refunded) whose placement and last change are both before the horizon, or a standalone refund made and
 * recorded before it. A final entry never changes again, whether or not it has been compacted yet, so every
 * instance gives an event for it the same outcome:
 * <ul>
 *   <li>an event that would change a final entry (a late cancel or refund) is refused with a
 *       {@link BeyondRetentionException}; nothing is written;</li>
 *   <li>an event that would not change it (a repeated status, the same body) has its usual outcome
 *       ({@code DUPLICATE} or {@code IGNORED});</li>
 *   <li>for an order or standalone refund with no entry, an event that shows it predates the horizon (an order body
 *       placed before it, a status or standalone refund dated before it) and any refund of the order are refused
 *       with a {@link BeyondRetentionException}: the entry may have been compacted, and recording it again would
 *       count it twice.</li>
 * </ul>
 */
final class Retention {
    private Retention() {}

    /** Whether {@code e} is settled: it can no longer change in the normal course of an order. */
    static boolean settled(LedgerEntry e) {
        if (e.isStandaloneRefund()) {
            return true;
        }
        if (e.order() == null || !e.key().startsWith("o:")) {
            return false;
        }
        return e.canceled() || (e.counted() && (e.furthest() == OrderStatus.DELIVERED || e.fullyRefunded()));
    }

    /** Whether {@code e} is final under {@code horizon} (null: no horizon, nothing is final). */
    static boolean isFinal(LedgerEntry e, Instant horizon) {
        if (horizon == null || !settled(e) || !e.updatedAt().isBefore(horizon)) {
            return false;
        }
        Instant happened =
                e.isStandaloneRefund() ? e.refunds().get(0).at() : e.order().placedAt();
        return happened.isBefore(horizon);
    }

    /**
     * The lifecycle step of {@code event} with the retention rules applied.
     *
     * @param start the stored entry of the event's key at the start of the batch (null if absent)
     * @param cur   the entry after the batch's earlier events of the same key
     * @throws BeyondRetentionException as the class comment says
     */
    static Lifecycle.Step next(
            Lifecycle lifecycle, Instant horizon, LedgerEntry start, LedgerEntry cur, OrderEvent event) {
        if (horizon == null) {
            return lifecycle.next(cur, event);
        }
        if (start != null && isFinal(start, horizon)) {
            Lifecycle.Step step = lifecycle.next(cur, event);
            if (step.after() != cur) {
                throw new BeyondRetentionException(
                        what(event) + " would change " + describe(start) + ", which was settled before the retention"
                                + " horizon " + horizon + " and is final"
                                + hint(event) + "; nothing was written",
                        horizon);
            }
            return step;
        }
        if (start == null && cur == null) {
            String refused = refusedWithoutEntry(event, horizon);
            if (refused != null) {
                throw new BeyondRetentionException(refused + "; nothing was written", horizon);
            }
        }
        return lifecycle.next(cur, event);
    }

    /**
     * Why {@code event}, for a key with no entry, is refused because it may concern a compacted entry, or null if it
     * cannot concern one.
     */
    private static String refusedWithoutEntry(OrderEvent event, Instant horizon) {
        String gone = " settled before the retention horizon " + horizon + " and compacted";
        if (event.refund() != null && !event.refund().isStandalone()) {
            return what(event) + " is for order " + Checks.quote(event.orderId()) + ", which has no ledger entry: it"
                    + " was never recorded, or it was" + gone + hint(event);
        }
        boolean early = event.refund() != null
                ? event.refund().at().isBefore(horizon)
                : event.order() != null
                        ? event.order().placedAt().isBefore(horizon)
                        : event.at() != null && event.at().isBefore(horizon);
        if (!early) {
            return null;
        }
        String subject = event.refund() != null ? "the refund" : "the order";
        return what(event) + " is dated before the retention horizon " + horizon + " and " + subject
                + " has no ledger entry: it was" + gone + ", or never recorded";
    }

    private static String what(OrderEvent event) {
        if (event.refund() != null) {
            return "refund " + Checks.quote(event.refund().refundId());
        }
        return event.type() + " of order " + Checks.quote(event.orderId());
    }

    private static String describe(LedgerEntry e) {
        return e.isStandaloneRefund()
                ? "standalone refund " + Checks.quote(e.key().substring(2))
                : "order " + Checks.quote(e.orderId());
    }

    private static String hint(OrderEvent event) {
        return event.refund() != null && !event.refund().isStandalone()
                ? " (record it as a standalone refund to count it)"
                : "";
    }
}
