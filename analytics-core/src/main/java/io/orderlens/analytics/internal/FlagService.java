package io.orderlens.analytics.internal;

import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.UnknownExperimentException;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FeatureFlags;
import io.orderlens.analytics.flag.FlagDayStats;
import io.orderlens.analytics.flag.FlagDayTally;
import io.orderlens.analytics.flag.Flags;
import io.orderlens.analytics.flag.InvalidFlagException;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link FeatureFlags} on the ledger: one entry per flag ({@code f:<key>}) and the registry {@code f:}; evaluation
 * by a {@link Flags} whose source reads them; statistics written by a {@link FlagStatistics} to one tally per flag
 * and day ({@link FlagDayTally}) and read back by key. Thread-safe.
 */
public final class FlagService implements FeatureFlags, AutoCloseable {
    /** Flag-days per store batch of a statistics flush. */
    private static final int FLUSH_BATCH = 500;

    private final Engine engine;
    private final Clock clock;
    private final int maxRounds;
    private final Flags flags;
    private final FlagStatistics statistics;

    /**
     * @param flushEvery pause between the scheduled statistics flushes
     * @param maxPendingDays flag-days counted and not yet written, at most, per stage (see {@link FlagStatistics})
     */
    public FlagService(
            Engine engine,
            Experiments experiments,
            Clock clock,
            ZoneId zone,
            Duration refresh,
            int maxRounds,
            Duration flushEvery,
            int maxPendingDays,
            String threadName) {
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
                zone,
                maxPendingDays);
        this.statistics = new FlagStatistics(
                engine, flags, clock, flushEvery, maxPendingDays, FLUSH_BATCH, maxRounds, threadName);
    }

    /** Starts the scheduled statistics flushes. */
    public void start() {
        statistics.start();
    }

    /** Stops the scheduled flushes and writes the statistics counted since the last one. */
    @Override
    public void close() {
        statistics.close();
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
    public List<FlagDayStats> statistics(String flagKey, LocalDate from, LocalDate to) {
        if (from == null || to == null || from.isAfter(to)) {
            throw new InvalidFlagException("flag statistics need a range from <= to, got " + from + " to " + to);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_STATISTICS_DAYS) {
            throw new InvalidFlagException("flag statistics are read for at most " + MAX_STATISTICS_DAYS
                    + " days at once, got " + days + " (" + from + " to " + to + ")");
        }
        if (flagKey == null || find(flagKey).isEmpty()) {
            throw new InvalidFlagException(
                    "no flag is defined with key " + (flagKey == null ? "null" : "'" + flagKey + "'"));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            keys.add(FlagDayTally.ledgerKey(flagKey, d));
        }
        Map<String, LedgerEntry> stored = engine.readLedger(keys);
        List<FlagDayStats> out = new ArrayList<>((int) days);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LedgerEntry e = stored.get(FlagDayTally.ledgerKey(flagKey, d));
            out.add(
                    e == null || e.flagTally() == null
                            ? FlagDayStats.none(d)
                            : e.flagTally().stats());
        }
        return List.copyOf(out);
    }

    @Override
    public int flushStatistics() {
        return statistics.flush();
    }

    @Override
    public long uncountedEvaluations() {
        return flags.uncountedEvaluations();
    }
}
