package io.orderlens.analytics;

import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.internal.AsyncPipeline;
import io.orderlens.analytics.internal.Calculators;
import io.orderlens.analytics.internal.CohortService;
import io.orderlens.analytics.internal.Compactor;
import io.orderlens.analytics.internal.Engine;
import io.orderlens.analytics.internal.Eraser;
import io.orderlens.analytics.internal.ExperimentDefinitions;
import io.orderlens.analytics.internal.ExperimentService;
import io.orderlens.analytics.internal.FlagService;
import io.orderlens.analytics.internal.FunnelService;
import io.orderlens.analytics.internal.Lifecycle;
import io.orderlens.analytics.internal.LifetimeValueService;
import io.orderlens.analytics.internal.ListenerDispatcher;
import io.orderlens.analytics.internal.PeriodService;
import io.orderlens.analytics.internal.PipelineMetrics;
import io.orderlens.analytics.internal.QueryService;
import io.orderlens.analytics.internal.ReportScheduler;
import io.orderlens.analytics.internal.ReportService;
import io.orderlens.analytics.internal.RetentionSchedule;
import io.orderlens.analytics.internal.RetryPolicy;
import io.orderlens.analytics.internal.SegmentService;
import io.orderlens.analytics.internal.StartupRecovery;
import io.orderlens.analytics.internal.Thresholds;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts one {@link Analytics} instance is made of, wired from its builder (store recovery at start, listener
 * thread, engine, queries, async pipeline), and its open/closed state with the order in which a close stops them.
 * Thread-safe.
 */
final class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LISTENER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECOVERY_FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration RECOVERY_MAX_PAUSE = Duration.ofMinutes(1);
    private static final int COMPACTION_KEYS_PER_PASS = 100_000;
    private static final Duration REPORT_POLL = Duration.ofSeconds(1);
    private static final Duration REPORT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    final AnalyticsStore store;
    final AnalyticsCache cache;
    final ZoneId zone;
    final java.time.Clock clock;
    final PipelineMetrics metrics = new PipelineMetrics();
    final Engine engine;
    final QueryService queries;
    final CohortService cohorts;
    final ExperimentService experiments;
    final Compactor compactor;
    final Eraser eraser;
    /** Null without a retention setting. */
    private final RetentionSchedule retention;

    final FlagService flags;
    final PeriodService periods;
    final FunnelService funnels;
    final SegmentService segments;
    final LifetimeValueService lifetimeValues;
    final ReportService reports;
    /** Null without async mode. */
    final AsyncPipeline pipeline;
    /** What {@code close()} without a timeout waits. */
    final Duration closeTimeout;

    private final ListenerDispatcher dispatcher;
    private final StartupRecovery startupRecovery;
    private final ReportScheduler reportScheduler;
    private final Object closeMonitor = new Object();
    private volatile CloseReport closeReport;

    Wiring(Analytics.Builder b) {
        this.store = b.store != null ? b.store : new InMemoryAnalyticsStore();
        this.cache = b.cache != null ? b.cache : AnalyticsCache.none();
        this.zone = b.zone;
        int id = INSTANCES.incrementAndGet();
        boolean recovered = true;
        try {
            store.recover();
        } catch (StoreException e) {
            log.warn(
                    "store recovery at start failed; it is re-tried in the background{}: {}",
                    b.async == null ? "" : " and before the first write",
                    e.getMessage());
            metrics.recoveryFailed();
            recovered = false;
        }
        this.startupRecovery = recovered
                ? null
                : new StartupRecovery(
                        store, metrics, RECOVERY_FIRST_PAUSE, RECOVERY_MAX_PAUSE, "orderlens-recovery-" + id);
        this.dispatcher = b.listeners.isEmpty()
                ? null
                : new ListenerDispatcher(b.listeners, b.listenerQueueCapacity, metrics, "orderlens-listeners-" + id);
        List<AnalyticsListener> notify = dispatcher == null ? List.of() : List.of(dispatcher);
        this.clock = b.clock;
        Lifecycle lifecycle = new Lifecycle(b.countingPolicy, b.zone, b.currency, b.clock);
        // reads report calculator failures on the reading thread; the write path only logs them
        Calculators calc = new Calculators(b.rating, b.frequency, b.timeOfDay, b.tier, b.listeners);
        Calculators quiet = new Calculators(b.rating, b.frequency, b.timeOfDay, b.tier, List.of());
        ExperimentDefinitions definitions = new ExperimentDefinitions(store, b.clock, b.experimentRefresh);
        Engine built = new Engine(
                store,
                cache,
                lifecycle,
                notify,
                b.maxConflictRounds,
                RetryPolicy.doubling(b.storeAttempts, b.storeBackoff),
                new Thresholds(store, quiet, b.clock),
                metrics,
                definitions);
        Duration keep = b.retention;
        java.time.Clock clock = b.clock;
        this.engine = keep == null
                ? built
                : built.withHorizonFloor(() -> clock.instant().minus(keep));
        this.experiments =
                new ExperimentService(engine, store, definitions, b.clock, b.maxConflictRounds, b.exposureBatch);
        this.flags = new FlagService(
                engine,
                experiments,
                b.clock,
                b.zone,
                b.flagRefresh,
                b.maxConflictRounds,
                b.flagStatisticsEvery,
                b.maxPendingFlagDays,
                "orderlens-flag-statistics-" + id);
        this.compactor =
                new Compactor(store, engine, b.clock, b.compactionBatch, COMPACTION_KEYS_PER_PASS, b.maxConflictRounds);
        this.eraser = new Eraser(store, engine, cache, b.clock, b.compactionBatch, b.maxConflictRounds);
        this.retention = b.retention == null
                ? null
                : new RetentionSchedule(
                        compactor::compact, b.clock, b.retention, b.retentionEvery, "orderlens-retention-" + id);
        this.queries =
                new QueryService(store, cache, calc, b.zone, b.clock, b.topItems, b.topCategories, this::requireOpen);
        this.periods = new PeriodService(store, cache, b.zone, this::requireOpen);
        this.funnels = new FunnelService(store, cache, b.zone, this::requireOpen);
        this.lifetimeValues =
                new LifetimeValueService(store, b.zone, b.clock, b.clv, this::requireOpen, "orderlens-clv-" + id);
        this.segments = new SegmentService(store, cache, calc, b.zone, lifetimeValues, this::requireOpen);
        this.cohorts = new CohortService(store, cache, b.zone, this::requireOpen);
        this.reportScheduler =
                new ReportScheduler(b.zone, b.clock, System::nanoTime, REPORT_POLL, "orderlens-reports-" + id);
        this.reports = new ReportService(store, queries, periods, segments, calc, reportScheduler, this::requireOpen);
        if (!recovered && b.async != null) {
            engine.recoverBeforeNextWrite();
        }
        if (startupRecovery != null) {
            startupRecovery.start();
        }
        if (retention != null) {
            retention.start();
        }
        flags.start();
        if (b.async != null) {
            this.pipeline = new AsyncPipeline(
                    engine.withRetry(RetryPolicy.of(b.async)),
                    store,
                    b.async,
                    metrics,
                    dispatcher != null ? dispatcher : new AnalyticsListener() {});
            this.closeTimeout = b.async.closeTimeout();
            pipeline.start();
        } else {
            this.pipeline = null;
            this.closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        }
    }

    /**
     * Stops the async pipeline (see {@link Analytics#close(Duration)}), the background recovery and the listener
     * thread, then closes the cache and the store. Idempotent: later calls return the first report.
     */
    CloseReport close(Duration timeout) {
        synchronized (closeMonitor) {
            if (closeReport != null) {
                return closeReport;
            }
            // throws on the writer thread before anything is closed
            CloseReport report = pipeline == null ? CloseReport.empty() : pipeline.close(timeout);
            closeReport = report;
            try {
                experiments.flushExposures();
            } catch (RuntimeException e) {
                log.warn("queued exposures could not be written at close: {}", e.getMessage());
            }
            flags.close();
            reportScheduler.close(REPORT_CLOSE_TIMEOUT);
            if (startupRecovery != null) {
                startupRecovery.close();
            }
            if (retention != null) {
                retention.close();
            }
            lifetimeValues.close();
            if (dispatcher != null) {
                dispatcher.close(LISTENER_CLOSE_TIMEOUT);
            }
            try {
                cache.close();
            } catch (Exception e) {
                throw new AnalyticsException("closing the cache failed", e);
            } finally {
                store.close();
            }
            return report;
        }
    }

    /** @throws IllegalStateException once the instance is closed */
    void requireOpen() {
        if (closeReport != null) {
            throw new IllegalStateException("this Analytics instance is closed");
        }
    }
}
