package io.orderlens.analytics.internal;

import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.spi.AttributedOrder;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exposure-entry changes of one engine round: each attributed order's share, as of the order entry the round
 * writes (or read, when it writes none), carried into the exposure entries of the experiments it is attributed to,
 * so that a customer's per-variation totals change with the same batch as the order. A share is replaced only by
 * one of a later order version, or by the stored order's own share at the same version; a share held from a later
 * version than the round saw means the round read a stale order, and the order is reported {@link #unsettled}.
 * Not thread-safe: one per round.
 */
final class SharePushes {
    private final Map<String, LedgerEntry> exposures;
    private final Map<String, LedgerEntry> changed = new LinkedHashMap<>();
    private final Map<String, Set<String>> pushers = new HashMap<>();
    private final Set<String> unsettled = new HashSet<>();

    /** @param exposures the exposure entries read this round, by ledger key */
    SharePushes(Map<String, LedgerEntry> exposures) {
        this.exposures = exposures;
    }

    /**
     * Carries the share of {@code order} (the entry of ledger key {@code orderKey}) into its experiments' exposure
     * entries.
     *
     * @param stored true if {@code order} is the entry as read from the store, false if this round writes it
     */
    void push(String orderKey, LedgerEntry order, boolean stored) {
        if (order == null || order.order() == null || order.linkedKeys().isEmpty()) {
            return;
        }
        AttributedOrder share = Contributions.attributedShare(order);
        for (String experiment : order.linkedKeys()) {
            String key = Exposure.ledgerKey(experiment, order.order().customerId());
            LedgerEntry x = changed.containsKey(key) ? changed.get(key) : exposures.get(key);
            if (x == null || x.exposure() == null) {
                continue; // no exposure holds the customer's shares any more (erased)
            }
            AttributedOrder held = x.attributedOrder(share.orderId());
            if (share.equals(held)) {
                continue;
            }
            if (held != null
                    && (held.orderVersion() > share.orderVersion()
                            || (held.orderVersion() == share.orderVersion() && !stored))) {
                unsettled.add(orderKey);
                continue;
            }
            List<AttributedOrder> shares = new ArrayList<>(x.attributed().size() + 1);
            boolean replaced = false;
            for (AttributedOrder a : x.attributed()) {
                if (a.orderId().equals(share.orderId())) {
                    shares.add(share);
                    replaced = true;
                } else {
                    shares.add(a);
                }
            }
            if (!replaced) {
                shares.add(share);
            }
            changed.put(key, x.withAttributed(shares));
            pushers.computeIfAbsent(key, k -> new HashSet<>()).add(orderKey);
        }
    }

    /** The exposure entries' changes, each from the entry read this round to the next version. */
    List<LedgerChange> changes() {
        List<LedgerChange> out = new ArrayList<>(changed.size());
        changed.forEach((key, after) -> out.add(ExperimentService.change(exposures.get(key), after)));
        return out;
    }

    /** Whether {@code key} is the key of an exposure entry this round changes. */
    boolean changes(String key) {
        return changed.containsKey(key);
    }

    /** The order keys whose shares went into the exposure entry {@code key}. */
    Set<String> pushersOf(String key) {
        return pushers.getOrDefault(key, Set.of());
    }

    /** Order keys whose shares this round could not settle: look at them again once the round's write is done. */
    Set<String> unsettled() {
        return unsettled;
    }
}
