package io.orderlens.analytics.internal;

import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The registry entries ({@link LedgerEntry#EXPERIMENT_REGISTRY}, {@link LedgerEntry#FLAG_REGISTRY}) that list the
 * keys of the definitions in the ledger, so an instance can load every definition with two keyed reads. A key is
 * listed before its definition is written, so a definition is never unlisted; a listed key without a definition is
 * ignored by readers. Stateless.
 */
final class Registry {
    private Registry() {}

    /** Adds {@code key} to the registry {@code registryKey} (compare-and-set, re-read on conflict). */
    static void add(Engine engine, String registryKey, String key, Clock clock, int maxRounds) {
        for (int round = 0; ; round++) {
            LedgerEntry registry = engine.readLedger(Set.of(registryKey)).get(registryKey);
            if (registry != null && registry.linkedKeys().contains(key)) {
                return;
            }
            List<String> keys = new ArrayList<>(registry == null ? List.of() : registry.linkedKeys());
            keys.add(key);
            keys.sort(null);
            LedgerEntry after = LedgerEntry.ofRegistry(registryKey, 0, keys, clock.instant());
            if (engine.applyChanges(List.of(ExperimentService.change(registry, after)))
                    .conflicts()
                    .isEmpty()) {
                return;
            }
            giveUpAfter(round, maxRounds, "the registry " + registryKey);
        }
    }

    /** Throws once {@code round} was the last of {@code maxRounds}. */
    static void giveUpAfter(int round, int maxRounds, String what) {
        if (round + 1 >= maxRounds) {
            throw new ConcurrentUpdateException(
                    what + " kept changing under concurrent writers for " + maxRounds + " attempts");
        }
    }
}
