package io.orderlens.analytics.internal;

import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.AttributedOrder;
import io.orderlens.analytics.spi.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles events whose write failed in a way that may have taken effect (a close that timed out, a lost reply): which
 * of them the ledger already reflects. Reads only; thread-safe if the store is.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final AnalyticsStore store;
    private final Lifecycle lifecycle;

    Reconciler(AnalyticsStore store, Lifecycle lifecycle) {
        this.store = store;
        this.lifecycle = lifecycle;
    }

    /** Where {@link #reconcile} found an event. */
    public enum Fate {
        APPLIED,
        NOT_APPLIED,
        UNKNOWN
    }

    /**
     * After writes of {@code events} failed in a way that may have taken effect, finds out which did: recovers the
     * store (finishing batches left pending), reads the events' ledger entries once and replays each order's events
     * on them without writing. An event the ledger already reflects is applied, unless its order's share in an
     * experiment it is attributed to has not reached the customer's exposure entry (then it is not applied: recording
     * it again completes it); one that would still change the ledger is not. If recovery or a read fails, every
     * event is UNKNOWN. Never throws; one attempt per store call.
     */
    public List<Fate> reconcile(List<OrderEvent> events) {
        List<Fate> out = new ArrayList<>(events.size());
        Map<String, LedgerEntry> stored;
        try {
            store.recover();
            Set<String> keys = new HashSet<>();
            events.forEach(e -> keys.add(e.ledgerKey()));
            stored = new HashMap<>(store.ledger(keys));
        } catch (RuntimeException e) {
            log.warn("could not tell which of {} events were applied: {}", events.size(), e.getMessage());
            events.forEach(e2 -> out.add(Fate.UNKNOWN));
            return out;
        }
        Map<String, LedgerEntry> read = Map.copyOf(stored);
        Set<String> unsettled;
        try {
            unsettled = unsettledShares(read);
        } catch (RuntimeException e) {
            log.warn("could not tell which of {} events were applied: {}", events.size(), e.getMessage());
            events.forEach(e2 -> out.add(Fate.UNKNOWN));
            return out;
        }
        for (OrderEvent e : events) {
            LedgerEntry cur = stored.get(e.ledgerKey());
            Fate fate;
            try {
                Lifecycle.Step step = lifecycle.next(cur, e);
                fate = step.after() == cur && !unsettled.contains(e.ledgerKey()) ? Fate.APPLIED : Fate.NOT_APPLIED;
                stored.put(e.ledgerKey(), step.after());
            } catch (InvalidEventException invalid) {
                fate = Fate.NOT_APPLIED;
            }
            out.add(fate);
        }
        return out;
    }

    /** Keys of the attributed orders among {@code entries} whose share an exposure entry does not hold yet. */
    private Set<String> unsettledShares(Map<String, LedgerEntry> entries) {
        Map<String, String> exposureOf = new HashMap<>();
        for (LedgerEntry e : entries.values()) {
            if (e.order() != null) {
                for (String experiment : e.linkedKeys()) {
                    exposureOf.put(Exposure.ledgerKey(experiment, e.order().customerId()), e.key());
                }
            }
        }
        if (exposureOf.isEmpty()) {
            return Set.of();
        }
        Map<String, LedgerEntry> exposures = store.ledger(exposureOf.keySet());
        Set<String> out = new HashSet<>();
        for (LedgerEntry e : entries.values()) {
            if (e.order() == null || e.linkedKeys().isEmpty()) {
                continue;
            }
            AttributedOrder share = Contributions.attributedShare(e);
            for (String experiment : e.linkedKeys()) {
                LedgerEntry x =
                        exposures.get(Exposure.ledgerKey(experiment, e.order().customerId()));
                if (x != null && x.exposure() != null && !share.equals(x.attributedOrder(e.orderId()))) {
                    out.add(e.key());
                }
            }
        }
        return out;
    }
}
