package io.orderlens.analytics.internal;

import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, once, which experiments an order's counted sales belong to: when an order first counts, every live
 * experiment whose exposure entry for the order's customer (read in the same round as the order) shows a first
 * exposure at or before the order's placement, and within the experiment's attribution window if it has one. The
 * decision is stored in the order's ledger entry, so reversal, replay, verify and rebuild attribute exactly the
 * same. Pure and thread-safe.
 */
final class Attribution {
    private Attribution() {}

    /**
     * What one round read: exposure entries by ledger key (absent: not exposed) and the live experiments by key.
     */
    record Exposures(Map<String, LedgerEntry> entries, Map<String, Experiment> live) {
        static final Exposures NONE = new Exposures(Map.of(), Map.of());
    }

    /**
     * The exposure entries of {@code customers} in every experiment of {@code live}, and those of {@code linked}
     * (the exposures stored orders are already attributed to), read in one call of {@code readLedger};
     * {@link Exposures#NONE} (no read) when there are none to read.
     */
    static Exposures exposuresOf(
            List<Experiment> live,
            Set<String> customers,
            Set<String> linked,
            Function<Set<String>, Map<String, LedgerEntry>> readLedger) {
        if ((live.isEmpty() || customers.isEmpty()) && linked.isEmpty()) {
            return Exposures.NONE;
        }
        Set<String> exposureKeys = new HashSet<>(linked);
        Map<String, Experiment> liveByKey = new HashMap<>();
        for (Experiment x : live) {
            liveByKey.put(x.key(), x);
            for (String c : customers) {
                exposureKeys.add(Exposure.ledgerKey(x.key(), c));
            }
        }
        return new Exposures(readLedger.apply(exposureKeys), liveByKey);
    }

    /** {@code after}, attributed if it counts for the first time; {@code after} itself otherwise. */
    static LedgerEntry attribute(LedgerEntry before, LedgerEntry after, Exposures exposures) {
        if (exposures.entries().isEmpty()
                || !after.counted()
                || after.order() == null
                || !after.linkedKeys().isEmpty()
                || (before != null && before.everCounted())) {
            return after;
        }
        Instant placed = after.order().placedAt();
        String customer = after.order().customerId();
        List<String> to = new ArrayList<>();
        for (Experiment x : exposures.live().values()) {
            LedgerEntry e = exposures.entries().get(Exposure.ledgerKey(x.key(), customer));
            if (e == null || e.exposure() == null) {
                continue;
            }
            Instant first = e.exposure().firstExposedAt();
            boolean inWindow = x.attributionWindow() == null || placed.isBefore(first.plus(x.attributionWindow()));
            if (!first.isAfter(placed) && inWindow) {
                to.add(x.key());
            }
        }
        to.sort(null);
        return to.isEmpty() ? after : after.withLinkedKeys(to);
    }
}
