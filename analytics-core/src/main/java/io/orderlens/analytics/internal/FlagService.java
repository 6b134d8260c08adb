package io.orderlens.analytics.internal;

import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.UnknownExperimentException;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FeatureFlags;
import io.orderlens.analytics.flag.FlagDayStats;
import io.orderlens.analytics.flag.Flags;
import io.orderlens.analytics.flag.InvalidFlagException;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link FeatureFlags} on the ledger: one entry per flag ({@code f:<key>}) and the registry {@code f:}; evaluation
 * by a {@link Flags} whose source reads them. Thread-safe.
 */
public final class FlagService implements FeatureFlags {
    private final Engine engine;
    private final Clock clock;
    private final int maxRounds;
    private final Flags flags;

    public FlagService(
            Engine engine, Experiments experiments, Clock clock, ZoneId zone, Duration refresh, int maxRounds) {
        this.engine = engine;
        this.clock = clock;
        this.maxRounds = maxRounds;
        this.flags = new Flags(
                this::all,
                (experiment, customer) -> {
                    try {
                        return experiments.assign(experiment, customer);
                    } catch (UnknownExperimentException e) {
                        return null;
                    }
                },
                refresh,
                clock,
                zone);
    }

    @Override
    public FeatureFlag save(FeatureFlag flag) {
        if (flag == null) {
            throw new InvalidFlagException("flag must not be null");
        }
        Registry.add(engine, LedgerEntry.FLAG_REGISTRY, flag.key(), clock, maxRounds);
        String key = LedgerEntry.flagKey(flag.key());
        for (int round = 0; ; round++) {
            LedgerEntry stored = engine.readLedger(Set.of(key)).get(key);
            LedgerEntry after = LedgerEntry.ofFlag(0, flag, clock.instant());
            if (engine.applyChanges(List.of(ExperimentService.change(stored, after)))
                    .conflicts()
                    .isEmpty()) {
                flags.refresh();
                return flag;
            }
            Registry.giveUpAfter(round, maxRounds, "flag '" + flag.key() + "'");
        }
    }

    @Override
    public Optional<FeatureFlag> find(String key) {
        String ledgerKey = LedgerEntry.flagKey(key);
        LedgerEntry e = engine.readLedger(Set.of(ledgerKey)).get(ledgerKey);
        return e == null ? Optional.empty() : Optional.ofNullable(e.flag());
    }

    @Override
    public List<FeatureFlag> all() {
        LedgerEntry registry =
                engine.readLedger(Set.of(LedgerEntry.FLAG_REGISTRY)).get(LedgerEntry.FLAG_REGISTRY);
        if (registry == null) {
            return List.of();
        }
        Set<String> keys = new java.util.HashSet<>();
        registry.linkedKeys().forEach(k -> keys.add(LedgerEntry.flagKey(k)));
        Map<String, FeatureFlag> byKey = new TreeMap<>();
        for (LedgerEntry e : engine.readLedger(keys).values()) {
            if (e.flag() != null) {
                byKey.put(e.flag().key(), e.flag());
            }
        }
        return List.copyOf(new ArrayList<>(byKey.values()));
    }

    @Override
    public String value(String flagKey, String customerId, Map<String, String> attributes) {
        return flags.value(flagKey, customerId, attributes);
    }

    @Override
    public boolean isOn(String flagKey, String customerId, Map<String, String> attributes) {
        return flags.isOn(flagKey, customerId, attributes);
    }

    @Override
    public List<FlagDayStats> statistics(String flagKey) {
        return flags.statistics(flagKey);
    }
}
