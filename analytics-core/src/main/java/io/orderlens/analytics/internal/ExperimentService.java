package io.orderlens.analytics.internal;

import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.experiment.Assignment;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.experiment.InvalidExperimentException;
import io.orderlens.analytics.experiment.ResultsSnapshot;
import io.orderlens.analytics.experiment.UnknownExperimentException;
import io.orderlens.analytics.experiment.VariationTotals;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Experiments} on the ledger: the registry entry and one entry per definition (changed by compare-and-set),
 * one entry per customer and experiment for exposures, all written through the engine's batches, so they are exactly
 * once, recovered, verified and rebuilt like orders. Thread-safe.
 */
public final class ExperimentService implements Experiments {
    private final Engine engine;
    private final AnalyticsStore store;
    private final ExperimentDefinitions definitions;
    private final Clock clock;
    private final int maxRounds;
    private final int batchSize;
    private final ReentrantLock queueLock = new ReentrantLock();
    private List<ExposureEvent> queued = new ArrayList<>();
    private final LongAdder droppedExposures = new LongAdder();
    private static final int MAX_QUEUED_BATCHES = 10;
    private static final Logger log = LoggerFactory.getLogger(ExperimentService.class);
    private final Map<String, Compiled> assigners = new ConcurrentHashMap<>();
    private volatile Map<String, Experiment> assignersOf = Map.of();
    /** Customers whose exposure this instance queued, per experiment (bounded: forgotten past the limit). */
    private final Map<String, Set<String>> queuedBefore = new ConcurrentHashMap<>();

    private static final int REMEMBERED_PER_EXPERIMENT = 1_000_000;

    public ExperimentService(
            Engine engine,
            AnalyticsStore store,
            ExperimentDefinitions definitions,
            Clock clock,
            int maxRounds,
            int batchSize) {
        this.engine = engine;
        this.store = store;
        this.definitions = definitions;
        this.clock = clock;
        this.maxRounds = maxRounds;
        this.batchSize = batchSize;
    }

    @Override
    public Experiment define(Experiment experiment) {
        if (experiment == null) {
            throw new InvalidExperimentException("experiment must not be null");
        }
        String key = LedgerEntry.experimentKey(experiment.key());
        if (engine.readLedger(Set.of(key)).containsKey(key)) {
            throw new InvalidExperimentException("experiment '" + experiment.key() + "' is already defined");
        }
        Registry.add(engine, LedgerEntry.EXPERIMENT_REGISTRY, experiment.key(), clock, maxRounds);
        ApplyResult r =
                engine.applyChanges(List.of(change(null, LedgerEntry.ofExperiment(0, experiment, clock.instant()))));
        if (!r.conflicts().isEmpty()) {
            throw new InvalidExperimentException("experiment '" + experiment.key() + "' is already defined");
        }
        definitions.put(experiment);
        return experiment;
    }

    @Override
    public Experiment transition(String key, ExperimentStatus next) {
        String ledgerKey = LedgerEntry.experimentKey(requireKey(key));
        for (int round = 0; ; round++) {
            LedgerEntry stored = engine.readLedger(Set.of(ledgerKey)).get(ledgerKey);
            if (stored == null || stored.experiment() == null) {
                throw new UnknownExperimentException(key);
            }
            Experiment moved = stored.experiment().withStatus(next);
            Instant now = clock.instant();
            LedgerEntry after = next == ExperimentStatus.COMPLETED
                    ? LedgerEntry.ofCompletedExperiment(0, moved, liveTotals(stored.experiment(), now), now)
                    : LedgerEntry.ofExperiment(0, moved, now);
            ApplyResult r = engine.applyChanges(List.of(change(stored, after)));
            if (r.conflicts().isEmpty()) {
                definitions.put(moved);
                return moved;
            }
            giveUpAfter(round, "experiment '" + key + "'");
        }
    }

    @Override
    public Optional<Experiment> find(String key) {
        String ledgerKey = LedgerEntry.experimentKey(requireKey(key));
        LedgerEntry e = engine.readLedger(Set.of(ledgerKey)).get(ledgerKey);
        return e == null ? Optional.empty() : Optional.ofNullable(e.experiment());
    }

    @Override
    public List<Experiment> all() {
        return List.copyOf(definitions.reload().values());
    }

    @Override
    public String assign(String key, String customerId) {
        Map<String, Experiment> current = definitions.current();
        Experiment experiment = current.get(key);
        if (experiment == null) {
            throw new UnknownExperimentException(key);
        }
        if (customerId == null || customerId.isEmpty()) {
            return null;
        }
        if (assignersOf != current) {
            assigners.clear();
            assignersOf = current;
        }
        Compiled compiled = assigners.get(key);
        if (compiled == null) {
            compiled = new Compiled(experiment);
            assigners.put(key, compiled);
        }
        long now = clock.millis();
        if (!compiled.admitsAt(now)) {
            return null;
        }
        int index = compiled.assignment.bucket(customerId);
        if (index < 0) {
            return null;
        }
        String variation = experiment.variations().get(index).key();
        Set<String> seen = queuedBefore.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        if (seen.size() > REMEMBERED_PER_EXPERIMENT) {
            seen.clear();
        }
        if (seen.add(customerId)) {
            enqueue(new ExposureEvent(key, customerId, variation, Instant.ofEpochMilli(now)));
        }
        return variation;
    }

    @Override
    public Exposure.Outcome recordExposure(String key, String customerId, String variation, Instant at) {
        return recordExposures(List.of(new ExposureEvent(key, customerId, variation, at)))
                .get(0);
    }

    @Override
    public List<Exposure.Outcome> recordExposures(List<ExposureEvent> exposures) {
        return write(exposures, true);
    }

    @Override
    public int flushExposures() {
        List<ExposureEvent> batch;
        queueLock.lock();
        try {
            batch = queued;
            queued = new ArrayList<>();
        } finally {
            queueLock.unlock();
        }
        if (!batch.isEmpty()) {
            try {
                write(batch, false);
            } catch (RuntimeException e) {
                requeue(batch);
                throw e;
            }
        }
        return batch.size();
    }

    /**
     * Puts exposures whose write failed back in front of the queue, keeping at most {@value #MAX_QUEUED_BATCHES}
     * batches' worth: beyond that the oldest are dropped, counted and logged (the queue never grows without bound
     * while the store is down).
     */
    private void requeue(List<ExposureEvent> failed) {
        queueLock.lock();
        try {
            List<ExposureEvent> next = new ArrayList<>(failed.size() + queued.size());
            next.addAll(failed);
            next.addAll(queued);
            int limit = MAX_QUEUED_BATCHES * batchSize;
            if (next.size() > limit) {
                int dropped = next.size() - limit;
                droppedExposures.add(dropped);
                log.warn(
                        "dropped {} queued exposures: the store kept failing and the queue holds at most {}",
                        dropped,
                        limit);
                next = new ArrayList<>(next.subList(dropped, next.size()));
            }
            queued = next;
        } finally {
            queueLock.unlock();
        }
    }

    @Override
    public long droppedExposures() {
        return droppedExposures.sum();
    }

    @Override
    public ExperimentResults results(String key) {
        String ledgerKey = LedgerEntry.experimentKey(requireKey(key));
        LedgerEntry stored = engine.readLedger(Set.of(ledgerKey)).get(ledgerKey);
        if (stored == null || stored.experiment() == null) {
            throw new UnknownExperimentException(key);
        }
        Experiment experiment = stored.experiment();
        if (stored.frozenResults() != null) {
            return ExperimentResults.frozen(experiment, stored.frozenResults());
        }
        ResultsSnapshot live = liveTotals(experiment, clock.instant());
        return ExperimentResults.of(experiment, live.totals(), live.multipleExposureUsers());
    }

    /**
     * The per-variation totals as the store's experiment × variation rows hold them now (one partition scan of at
     * most one row per variation and one of the customers exposed to several), whatever the number of customers.
     */
    private ResultsSnapshot liveTotals(Experiment experiment, Instant now) {
        int n = experiment.variations().size();
        ExperimentVariationCounters[] rows = new ExperimentVariationCounters[n];
        long[] multiple = new long[1];
        store.scan(Aggregate.EXPERIMENT_VARIATIONS, Scan.partition(experiment.key()), row -> {
            int v = row.variation();
            if (v == ExperimentVariationCounters.MULTIPLE) {
                multiple[0] += row.multiple();
            } else if (v < n) {
                rows[v] = rows[v] == null ? row : rows[v].plus(row);
            }
        });
        List<VariationTotals> totals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ExperimentVariationCounters row = rows[i] == null
                    ? new ExperimentVariationCounters(experiment.key(), i, 0, 0, 0, 0, 0, BigInteger.ZERO)
                    : rows[i];
            totals.add(new VariationTotals(
                    experiment.variations().get(i).key(),
                    row.exposed(),
                    row.converted(),
                    row.orders(),
                    MoneyUnits.toAmount(row.netRevenue()),
                    new BigDecimal(row.netRevenueSquares(), 2 * MoneyUnits.SCALE)));
        }
        return new ResultsSnapshot(now, totals, multiple[0]);
    }

    /** An experiment's assignment and admission window, precomputed for {@link #assign}. */
    private static final class Compiled {
        final Assignment assignment;
        final boolean running;
        final long startMillis;
        final long endMillis;

        Compiled(Experiment e) {
            this.assignment = new Assignment(e);
            this.running = e.status() == ExperimentStatus.RUNNING;
            this.startMillis = e.start() == null ? Long.MIN_VALUE : e.start().toEpochMilli();
            this.endMillis = e.end() == null ? Long.MAX_VALUE : e.end().toEpochMilli();
        }

        boolean admitsAt(long millis) {
            return running && millis >= startMillis && millis < endMillis;
        }
    }

    private void enqueue(ExposureEvent e) {
        boolean full;
        queueLock.lock();
        try {
            queued.add(e);
            full = queued.size() >= batchSize;
        } finally {
            queueLock.unlock();
        }
        if (full) {
            try {
                flushExposures();
            } catch (StoreException ex) {
                // assign never fails the host's request for the store: the exposures stay queued for the next flush
                log.warn(
                        "queued exposures could not be written yet ({}); they are kept for the next flush",
                        ex.getMessage());
            }
        }
    }

    /**
     * Writes exposures as one batch (more when concurrent writers change the same entries). {@code strict}: any
     * exposure the experiment cannot admit fails the call before anything is written; otherwise such exposures (an
     * experiment paused since they were queued) are left out.
     */
    private List<Exposure.Outcome> write(List<ExposureEvent> exposures, boolean strict) {
        Set<String> definitionKeys = new LinkedHashSet<>();
        for (ExposureEvent e : exposures) {
            definitionKeys.add(LedgerEntry.experimentKey(e.experiment()));
        }
        Map<String, LedgerEntry> stored = engine.readLedger(definitionKeys);
        Exposure.Outcome[] outcomes = new Exposure.Outcome[exposures.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Map<Integer, Integer> variationOf = new HashMap<>();
        for (int i = 0; i < exposures.size(); i++) {
            ExposureEvent e = exposures.get(i);
            LedgerEntry def = stored.get(LedgerEntry.experimentKey(e.experiment()));
            Experiment x = def == null ? null : def.experiment();
            String problem = x == null ? null : admissionProblem(x, e);
            if (x == null && strict) {
                throw new UnknownExperimentException(e.experiment());
            }
            if (problem != null && strict) {
                throw new InvalidExperimentException((exposures.size() > 1 ? "exposure " + i + ": " : "") + problem);
            }
            if (x == null || problem != null) {
                continue;
            }
            variationOf.put(i, x.indexOf(e.variation()));
            byKey.computeIfAbsent(Exposure.ledgerKey(e.experiment(), e.customerId()), k -> new ArrayList<>())
                    .add(i);
        }
        Set<String> todo = new LinkedHashSet<>(byKey.keySet());
        for (int round = 0; !todo.isEmpty(); round++) {
            if (round == maxRounds) {
                throw new ConcurrentUpdateException(todo.size() + " exposure entries kept changing under concurrent"
                        + " writers for " + maxRounds + " attempts");
            }
            Map<String, LedgerEntry> current = engine.readLedger(todo);
            List<LedgerChange> changes = new ArrayList<>();
            for (String key : todo) {
                LedgerEntry before = current.get(key);
                Exposure start = before == null ? null : before.exposure();
                Exposure cur = start;
                for (int i : byKey.get(key)) {
                    ExposureEvent e = exposures.get(i);
                    Exposure next = Exposure.next(cur, e.experiment(), e.customerId(), variationOf.get(i), e.at());
                    outcomes[i] = Exposure.outcome(cur, next);
                    cur = next;
                }
                if (cur != start) {
                    LedgerEntry next = LedgerEntry.ofExposure(0, cur, clock.instant());
                    changes.add(change(before, before == null ? next : next.withAttributed(before.attributed())));
                }
            }
            ApplyResult r = changes.isEmpty() ? ApplyResult.ALL_APPLIED : engine.applyChanges(changes);
            todo = new LinkedHashSet<>(r.conflicts());
        }
        List<Exposure.Outcome> out = new ArrayList<>(outcomes.length);
        for (Exposure.Outcome o : outcomes) {
            out.add(o);
        }
        return out;
    }

    private static String admissionProblem(Experiment x, ExposureEvent e) {
        if (x.indexOf(e.variation()) < 0) {
            return "experiment '" + x.key() + "' has no variation '" + e.variation() + "'; its variations are "
                    + x.variations().stream().map(v -> v.key()).toList();
        }
        if (!x.admitsAt(e.at())) {
            return "experiment '" + x.key() + "' admits no exposure at " + e.at() + ": it is " + x.status()
                    + (x.status() == ExperimentStatus.RUNNING ? " from " + x.start() + " until " + x.end() : "")
                    + "; exposures are admitted only while RUNNING and within its dates";
        }
        return null;
    }

    /** The change from {@code before} (null: absent) to {@code after} at the next version, with its effect. */
    static LedgerChange change(LedgerEntry before, LedgerEntry after) {
        LedgerEntry versioned = after.withVersion(before == null ? 1 : before.version() + 1);
        return new LedgerChange(before, versioned, Contributions.change(before, versioned));
    }

    private void giveUpAfter(int round, String what) {
        Registry.giveUpAfter(round, maxRounds, what);
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidExperimentException(
                    "experiment key must be non-blank, got " + (key == null ? "null" : "'" + key + "'"));
        }
        return key;
    }
}
