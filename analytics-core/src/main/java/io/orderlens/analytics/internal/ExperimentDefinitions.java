package io.orderlens.analytics.internal;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's view of the experiment definitions in the store (the registry entry and one entry per experiment),
 * loaded at construction and reloaded when older than the refresh interval (one keyed ledger read, plus one for the
 * definitions if there are any); a failing load keeps the previous view and is logged. Thread-safe.
 */
public final class ExperimentDefinitions {
    private static final Logger log = LoggerFactory.getLogger(ExperimentDefinitions.class);

    private final AnalyticsStore store;
    private final Clock clock;
    private final long refreshMillis;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Map<String, Experiment> byKey = Map.of();
    private volatile List<Experiment> attributable = List.of();
    private volatile long loadedAtMillis = Long.MIN_VALUE / 2;

    public ExperimentDefinitions(AnalyticsStore store, Clock clock, Duration refresh) {
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
        refreshIfStale();
    }

    /** Every known definition by key, reloaded if stale. */
    public Map<String, Experiment> current() {
        refreshIfStale();
        return byKey;
    }

    /** The experiments orders can be attributed to now: every known one not COMPLETED. */
    public List<Experiment> attributable() {
        refreshIfStale();
        return attributable;
    }

    /** Reads the definitions from the store now. */
    public Map<String, Experiment> reload() {
        loading.lock();
        try {
            Map<String, Experiment> next = load(store);
            install(next);
            return next;
        } finally {
            loading.unlock();
        }
    }

    /** Every stored definition, by key, read now. */
    static Map<String, Experiment> load(AnalyticsStore store) {
        LedgerEntry registry =
                store.ledger(List.of(LedgerEntry.EXPERIMENT_REGISTRY)).get(LedgerEntry.EXPERIMENT_REGISTRY);
        Map<String, Experiment> next = new TreeMap<>();
        if (registry == null) {
            return next;
        }
        List<String> keys = new ArrayList<>();
        registry.linkedKeys().forEach(k -> keys.add(LedgerEntry.experimentKey(k)));
        for (LedgerEntry e : store.ledger(keys).values()) {
            if (e.experiment() != null) {
                next.put(e.experiment().key(), e.experiment());
            }
        }
        return next;
    }

    /** Installs a definition this instance just wrote. */
    void put(Experiment e) {
        loading.lock();
        try {
            Map<String, Experiment> next = new TreeMap<>(byKey);
            next.put(e.key(), e);
            byKey = Map.copyOf(next);
            attributable = attributableOf(next);
        } finally {
            loading.unlock();
        }
    }

    private void install(Map<String, Experiment> next) {
        byKey = Map.copyOf(next);
        attributable = attributableOf(next);
        loadedAtMillis = clock.millis();
    }

    private static List<Experiment> attributableOf(Map<String, Experiment> all) {
        List<Experiment> out = new ArrayList<>();
        for (Experiment e : all.values()) {
            if (e.status() != ExperimentStatus.COMPLETED) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    private void refreshIfStale() {
        long now = clock.millis();
        if (now - loadedAtMillis < refreshMillis || !loading.tryLock()) {
            return;
        }
        try {
            if (now - loadedAtMillis >= refreshMillis) {
                install(load(store));
            }
        } catch (StoreException e) {
            loadedAtMillis = now;
            log.warn("could not reload the experiment definitions; keeping the previous ones: {}", e.getMessage());
        } finally {
            loading.unlock();
        }
    }
}
