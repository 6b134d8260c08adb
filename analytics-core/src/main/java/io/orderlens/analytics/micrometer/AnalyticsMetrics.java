package io.orderlens.analytics.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.MetricsSnapshot;
import io.orderlens.analytics.MetricsSnapshot.Percentiles;
import io.orderlens.analytics.spi.CacheStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterBinder} for one {@link Analytics} instance: its write path and, if its cache keeps
 * statistics, its cache. Every meter reads {@link Analytics#metrics()} when the registry polls it, so nothing is
 * recorded twice and {@code Analytics.metrics()} and the registry always agree.
 *
 * <pre>{@code
 * new AnalyticsMetrics(analytics, Tags.of("instance", "orders-eu")).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Write path (counters are cumulative since the instance was built):
 * <ul>
 *   <li>{@code orderlens.events.recorded}, {@code .applied}, {@code .invalid}, {@code .failed}, {@code .rejected}:
 *       events, as in {@link MetricsSnapshot}; {@code orderlens.store.retries}: store calls repeated after a failure
 *   <li>{@code orderlens.queue.depth}, {@code orderlens.events.parked}: gauges of the async queue and the backlog
 *   <li>{@code orderlens.store.recovery.failures}: store recovery attempts that failed;
 *       {@code orderlens.store.recovery.pending}: 1 while a failed recovery is being re-tried, else 0
 *   <li>{@code orderlens.batch.apply}: a function timer, one count per store batch, total time of the writes
 *       including retries; {@code orderlens.batch.apply.percentile} (tag {@code phi} 0.5, 0.95, 0.99) and
 *       {@code orderlens.batch.apply.max}: time gauges over the most recent {@value MetricsSnapshot#WINDOW} batches
 *   <li>{@code orderlens.batch.events}: events written in batches (divided by the timer's count: the mean batch
 *       size); {@code orderlens.batch.size.percentile} ({@code phi} as above) and {@code orderlens.batch.size.max}:
 *       gauges over the same window
 *   <li>{@code orderlens.listener.failures}, {@code orderlens.listener.dropped}: listener calls that threw and
 *       notifications dropped
 * </ul>
 *
 * <p>Cache, registered only if the cache reports {@linkplain io.orderlens.analytics.spi.AnalyticsCache#statistics()
 * statistics} when this binder is bound:
 * <ul>
 *   <li>{@code orderlens.cache.gets} with tag {@code result}: {@code hit} (from the shared cache), {@code near_hit}
 *       (from the in-process tier), {@code miss}, {@code coalesced} (waited for an identical read), {@code bypassed}
 *       (the cache was skipped)
 *   <li>{@code orderlens.cache.hit.ratio}: (hits + near hits) / (hits + near hits + misses) since start
 *   <li>{@code orderlens.cache.loads}, {@code orderlens.cache.errors}, {@code orderlens.cache.invalidations}
 *   <li>{@code orderlens.cache.near.entries}, {@code orderlens.cache.near.bytes} (gauges) and
 *       {@code orderlens.cache.near.evictions}
 *   <li>{@code orderlens.cache.breaker.state} with tag {@code state} ({@code closed}, {@code open},
 *       {@code half_open}): 1 for the breaker's current state, 0 for the others
 * </ul>
 *
 * <p>Meters hold the {@code Analytics} instance weakly, as Micrometer's own binders do: once the host lets go of it,
 * they report NaN. Each poll takes one snapshot, which sorts two windows of {@value MetricsSnapshot#WINDOW} values
 * for the percentile meters and is otherwise a handful of counter reads. Thread-safe.
 */
public final class AnalyticsMetrics implements MeterBinder {
    /** The percentiles published from the windows of {@link MetricsSnapshot}, by their {@code phi} tag. */
    private static final List<Quantile> QUANTILES = List.of(
            new Quantile("0.5", Percentiles::p50),
            new Quantile("0.95", Percentiles::p95),
            new Quantile("0.99", Percentiles::p99));

    private record Quantile(String phi, ToLongFunction<Percentiles> value) {}

    private final Analytics analytics;
    private final Tags tags;

    /** Binds {@code analytics}' meters with no extra tags. */
    public AnalyticsMetrics(Analytics analytics) {
        this(analytics, Tags.empty());
    }

    /**
     * Binds {@code analytics}' meters with {@code tags} on each, e.g. to tell several instances in one registry apart.
     *
     * @throws NullPointerException if an argument is null
     */
    public AnalyticsMetrics(Analytics analytics, Iterable<Tag> tags) {
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        bindWritePath(registry);
        if (analytics.metrics().cache().isPresent()) {
            bindCache(registry);
        }
    }

    private void bindWritePath(MeterRegistry registry) {
        counter(
                registry,
                "orderlens.events.recorded",
                "events accepted by record, recordAll, submit and backfill",
                BaseUnits.EVENTS,
                MetricsSnapshot::recorded);
        counter(
                registry,
                "orderlens.events.applied",
                "events whose outcome was written",
                BaseUnits.EVENTS,
                MetricsSnapshot::applied);
        counter(
                registry,
                "orderlens.events.invalid",
                "events rejected by the lifecycle rules",
                BaseUnits.EVENTS,
                MetricsSnapshot::invalid);
        counter(
                registry,
                "orderlens.events.failed",
                "events whose store write failed after every attempt",
                BaseUnits.EVENTS,
                MetricsSnapshot::failed);
        counter(
                registry,
                "orderlens.events.rejected",
                "submits refused because the async queue was full",
                BaseUnits.EVENTS,
                MetricsSnapshot::rejected);
        counter(
                registry,
                "orderlens.store.retries",
                "store calls repeated after a failure",
                BaseUnits.OPERATIONS,
                MetricsSnapshot::retried);
        counter(
                registry,
                "orderlens.listener.failures",
                "listener calls that threw",
                BaseUnits.OPERATIONS,
                MetricsSnapshot::listenerFailures);
        counter(
                registry,
                "orderlens.listener.dropped",
                "listener notifications dropped on a full listener queue",
                BaseUnits.OPERATIONS,
                MetricsSnapshot::notificationsDropped);
        gauge(
                registry,
                "orderlens.queue.depth",
                "events waiting in the async queue",
                BaseUnits.EVENTS,
                MetricsSnapshot::queueDepth);
        gauge(
                registry,
                "orderlens.events.parked",
                "events parked after failed writes, awaiting a re-try",
                BaseUnits.EVENTS,
                MetricsSnapshot::parked);
        counter(
                registry,
                "orderlens.store.recovery.failures",
                "store recovery attempts that failed",
                BaseUnits.OPERATIONS,
                MetricsSnapshot::recoveryFailures);
        gauge(
                registry,
                "orderlens.store.recovery.pending",
                "1 while a failed store recovery is being re-tried",
                null,
                m -> m.recoveryPending() ? 1 : 0);

        FunctionTimer.builder(
                        "orderlens.batch.apply",
                        analytics,
                        a -> a.metrics().batches(),
                        a -> a.metrics().applyNanos(),
                        TimeUnit.NANOSECONDS)
                .description("store batch writes, including their retries")
                .tags(tags)
                .register(registry);
        counter(
                registry,
                "orderlens.batch.events",
                "events written in store batches",
                BaseUnits.EVENTS,
                MetricsSnapshot::batchedEvents);
        for (Quantile q : QUANTILES) {
            Tags phiTag = tags.and("phi", q.phi());
            TimeGauge.builder(
                            "orderlens.batch.apply.percentile",
                            analytics,
                            TimeUnit.MICROSECONDS,
                            a -> q.value().applyAsLong(a.metrics().applyLatencyMicros()))
                    .description("store batch write time, over the most recent batches")
                    .tags(phiTag)
                    .register(registry);
            Gauge.builder(
                            "orderlens.batch.size.percentile",
                            analytics,
                            a -> q.value().applyAsLong(a.metrics().batchSize()))
                    .description("events per store batch, over the most recent batches")
                    .baseUnit(BaseUnits.EVENTS)
                    .tags(phiTag)
                    .register(registry);
        }
        TimeGauge.builder(
                        "orderlens.batch.apply.max",
                        analytics,
                        TimeUnit.MICROSECONDS,
                        a -> a.metrics().applyLatencyMicros().max())
                .description("longest store batch write, over the most recent batches")
                .tags(tags)
                .register(registry);
        gauge(
                registry,
                "orderlens.batch.size.max",
                "largest store batch, over the most recent batches",
                BaseUnits.EVENTS,
                m -> m.batchSize().max());
    }

    private void bindCache(MeterRegistry registry) {
        cacheGets(registry, "hit", CacheStatistics::hits);
        cacheGets(registry, "near_hit", CacheStatistics::nearHits);
        cacheGets(registry, "miss", CacheStatistics::misses);
        cacheGets(registry, "coalesced", CacheStatistics::coalesced);
        cacheGets(registry, "bypassed", CacheStatistics::bypassed);
        Gauge.builder("orderlens.cache.hit.ratio", analytics, a -> cache(a, CacheStatistics::hitRatio))
                .description("reads answered by the cache out of those it answered or missed")
                .tags(tags)
                .register(registry);
        cacheCounter(registry, "orderlens.cache.loads", "loads made through the cache", CacheStatistics::loads);
        cacheCounter(registry, "orderlens.cache.errors", "failed cache operations", CacheStatistics::errors);
        cacheCounter(
                registry, "orderlens.cache.invalidations", "completed invalidations", CacheStatistics::invalidations);
        cacheCounter(
                registry,
                "orderlens.cache.near.evictions",
                "in-process entries evicted to stay within bound",
                CacheStatistics::nearEvictions);
        Gauge.builder("orderlens.cache.near.entries", analytics, a -> cache(a, CacheStatistics::nearEntries))
                .description("entries held in process")
                .tags(tags)
                .register(registry);
        Gauge.builder("orderlens.cache.near.bytes", analytics, a -> cache(a, CacheStatistics::nearBytes))
                .description("estimated heap size of the entries held in process")
                .baseUnit(BaseUnits.BYTES)
                .tags(tags)
                .register(registry);
        for (CacheStatistics.Breaker state : CacheStatistics.Breaker.values()) {
            Gauge.builder("orderlens.cache.breaker.state", analytics, a -> cache(a, s -> s.breaker() == state ? 1 : 0))
                    .description("1 for the circuit breaker's current state, 0 for the others")
                    .tags(tags.and("state", state.name().toLowerCase(Locale.ROOT)))
                    .register(registry);
        }
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            String unit,
            ToLongFunction<MetricsSnapshot> value) {
        FunctionCounter.builder(name, analytics, a -> value.applyAsLong(a.metrics()))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String unit,
            ToDoubleFunction<MetricsSnapshot> value) {
        Gauge.builder(name, analytics, a -> value.applyAsDouble(a.metrics()))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    private void cacheGets(MeterRegistry registry, String result, ToLongFunction<CacheStatistics> value) {
        FunctionCounter.builder("orderlens.cache.gets", analytics, a -> cache(a, value::applyAsLong))
                .description("cache reads by how they were answered")
                .tags(tags.and("result", result))
                .register(registry);
    }

    private void cacheCounter(
            MeterRegistry registry, String name, String description, ToLongFunction<CacheStatistics> value) {
        FunctionCounter.builder(name, analytics, a -> cache(a, value::applyAsLong))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** A figure of the cache's statistics now; NaN if the cache stopped reporting them. */
    private static double cache(Analytics analytics, ToDoubleFunction<CacheStatistics> figure) {
        return analytics.metrics().cache().map(figure::applyAsDouble).orElse(Double.NaN);
    }
}
