package io.orderlens.analytics;

import io.orderlens.analytics.calc.CustomerTierPolicy;
import io.orderlens.analytics.calc.FrequencyPolicy;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.calc.TimeOfDayPolicy;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.backfill.BackfillOptions;
import io.orderlens.analytics.backfill.BackfillResult;
import io.orderlens.analytics.internal.AsyncPipeline;
import io.orderlens.analytics.internal.Backfiller;
import io.orderlens.analytics.internal.Calculators;
import io.orderlens.analytics.internal.Engine;
import io.orderlens.analytics.internal.Lifecycle;
import io.orderlens.analytics.internal.ListenerDispatcher;
import io.orderlens.analytics.internal.PipelineMetrics;
import io.orderlens.analytics.internal.QueryService;
import io.orderlens.analytics.internal.RetryPolicy;
import io.orderlens.analytics.internal.Thresholds;
import io.orderlens.analytics.internal.Verifier;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's front door: record order events, query analytics. Build one per application with
 * {@link #builder()} and share it; every method is thread-safe.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *         .zone(ZoneId.of("Asia/Kolkata"))
 *         .build();                                   // in-memory store, no cache, count at DELIVERED
 * analytics.record(OrderEvent.placed(order));
 * analytics.record(OrderEvent.delivered(order.orderId(), deliveredAt));
 * analytics.queries().customer("c-42").ifPresent(p -> System.out.println(p.averageOrderValue()));
 * }</pre>
 *
 * <p><b>Async mode</b> ({@link Builder#async(AsyncOptions)}): {@link #submit} queues the event and returns at once;
 * a writer thread merges queued events into store batches, retries failed writes with back-off and parks what still
 * fails for a later re-try, so the host's order flow never waits for, nor fails because of, the store. Call
 * {@link #close(Duration)} (or {@link #close()}) at shutdown: the writer thread is not a daemon, so that nothing
 * queued is lost when the JVM exits.
 */
public final class Analytics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Analytics.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LISTENER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final ZoneId zone;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final Engine engine;
    private final QueryService queries;
    private final ListenerDispatcher dispatcher;
    private final AsyncPipeline pipeline;
    private final Duration closeTimeout;
    private final Object closeMonitor = new Object();
    private volatile DrainReport closeReport;

    private Analytics(Builder b) {
        this.store = b.store != null ? b.store : new InMemoryAnalyticsStore();
        this.cache = b.cache != null ? b.cache : AnalyticsCache.none();
        this.zone = b.zone;
        boolean recovered = true;
        try {
            store.recover();
        } catch (StoreException e) {
            if (b.async == null) {
                throw e;
            }
            log.warn("store recovery at start failed; it runs again before the first write: {}", e.getMessage());
            recovered = false;
        }
        int id = INSTANCES.incrementAndGet();
        this.dispatcher = b.listeners.isEmpty() ? null
                : new ListenerDispatcher(b.listeners, b.listenerQueueCapacity, metrics, "orderlens-listeners-" + id);
        List<AnalyticsListener> notify = dispatcher == null ? List.of() : List.of(dispatcher);
        Lifecycle lifecycle = new Lifecycle(b.countingPolicy, b.zone, b.currency, b.clock);
        // reads report calculator failures on the reading thread; the write path only logs them
        Calculators calc = new Calculators(b.rating, b.frequency, b.timeOfDay, b.tier, b.listeners);
        Calculators quiet = new Calculators(b.rating, b.frequency, b.timeOfDay, b.tier, List.of());
        this.engine = new Engine(store, cache, lifecycle, notify, b.maxConflictRounds,
                RetryPolicy.doubling(b.storeAttempts, b.storeBackoff), new Thresholds(store, quiet, b.clock), metrics);
        this.queries = new QueryService(store, cache, calc, b.zone, b.clock, b.topItems, b.topCategories);
        if (!recovered) {
            engine.recoverBeforeNextWrite();
        }
        if (b.async != null) {
            this.pipeline = new AsyncPipeline(engine.withRetry(RetryPolicy.of(b.async)), store, b.async, metrics,
                    dispatcher != null ? dispatcher : new AnalyticsListener() {});
            this.closeTimeout = b.async.closeTimeout();
            pipeline.start();
        } else {
            this.pipeline = null;
            this.closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one event synchronously: when this returns, the effect is in the store and the cache is invalidated.
     * Recording the same event again returns {@link RecordOutcome#DUPLICATE} and changes nothing.
     *
     * @throws InvalidEventException if the event is rejected (nothing is written)
     * @throws StoreException if the store keeps failing; recording the same event again is safe
     * @throws ConcurrentUpdateException if the order kept changing under concurrent writers
     */
    public RecordOutcome record(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        requireOpen();
        metrics.recorded(1);
        Engine.Result r = engine.process(List.of(event), true).get(0);
        if (r.error() != null) {
            throw r.error();
        }
        return r.outcome();
    }

    /**
     * Records events as one batch (one store write per aggregate kind). Events of the same order apply in list
     * order. All or nothing for bad input: if any event is invalid, an {@link InvalidEventException} naming its index
     * is thrown and nothing is written.
     *
     * @return one outcome per event, in order
     */
    public List<RecordOutcome> recordAll(List<OrderEvent> events) {
        Objects.requireNonNull(events, "events");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new InvalidEventException("event " + i + " is null");
            }
        }
        requireOpen();
        if (events.isEmpty()) {
            return List.of();
        }
        metrics.recorded(events.size());
        List<RecordOutcome> out = new ArrayList<>(events.size());
        for (Engine.Result r : engine.process(events, true)) {
            if (r.error() != null) {
                throw r.error();
            }
            out.add(r.outcome());
        }
        return out;
    }

    /**
     * Records one event without making the caller wait for the store. Never throws because of the store.
     *
     * <p>In async mode the event is queued (its shape was checked when it was constructed) and the future completes
     * when the event is applied, with its outcome; it fails with {@link InvalidEventException} if the lifecycle
     * rejects the event (other events are unaffected), or with {@link StoreException} if {@link #close(Duration)}
     * could not apply it (it is then in the close report). While the store is failing the future stays pending:
     * the event is parked and re-tried. A write whose acknowledgement was lost may be re-tried and then completes
     * as {@link RecordOutcome#DUPLICATE}. Dependent actions registered with non-async methods may run on the writer
     * thread: keep them short or use the {@code *Async} variants.
     *
     * <p>Without async mode the event is recorded synchronously and the returned future is already complete
     * (exceptionally instead of throwing).
     *
     * @throws QueueFullException    if the queue is full and the policy is REJECT, or stayed full for the block
     *                               timeout under BLOCK; the event was not accepted
     * @throws IllegalStateException if this instance is closed
     */
    public CompletableFuture<RecordOutcome> submit(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        if (pipeline == null) {
            try {
                return CompletableFuture.completedFuture(record(event));
            } catch (AnalyticsException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        requireOpen();
        return pipeline.submit(event);
    }

    /**
     * Waits up to {@code timeout} until every event submitted before this call is applied, rejected, or parked
     * after failing writes. Returns at once without async mode.
     *
     * @return what is still pending and what is parked; {@link DrainReport#complete()} when all is applied
     * @throws IllegalStateException if called on the writer thread
     */
    public DrainReport flush(Duration timeout) {
        requireTimeout(timeout);
        return pipeline == null ? DrainReport.empty() : pipeline.flush(timeout);
    }

    /**
     * Re-tries the events parked after failed writes now (after {@code store.recover()}), instead of waiting for the
     * periodic re-try, and waits up to {@code timeout} for that round. Re-applying an event cannot double count.
     * Without async mode only recovers the store.
     *
     * @return the events still parked
     * @throws IllegalStateException if this instance is closed
     */
    public DrainReport retryFailed(Duration timeout) {
        requireTimeout(timeout);
        requireOpen();
        if (pipeline == null) {
            store.recover();
            return DrainReport.empty();
        }
        return pipeline.retryFailed(timeout);
    }

    /**
     * Counters, queue depth and batch-size / latency percentiles of the write path, and the cache's counters.
     * Cheap; thread-safe.
     */
    public MetricsSnapshot metrics() {
        return metrics.snapshot(cache.statistics());
    }

    /**
     * Writes historical events in batches on the calling thread, reading the source lazily (memory holds one batch),
     * saving {@code options.checkpoint()} after each batch and reporting progress. A run with a checkpoint that
     * holds a position skips that many events first; since recording an event twice changes nothing, a batch
     * written again after an interruption cannot double count. Events the lifecycle rejects are counted and handed
     * to {@code options.invalidEvents()}; the run goes on. Works alongside async mode (it does not use the queue).
     *
     * @throws StoreException if the store keeps failing; the checkpoint covers the written batches, so a new run
     *                        with it resumes where this one stopped
     * @throws InvalidEventException if the source yields null
     */
    public BackfillResult backfill(Iterator<OrderEvent> events, BackfillOptions options) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(options, "options");
        requireOpen();
        return new Backfiller(engine, metrics, System::nanoTime).run(events, options, -1);
    }

    /**
     * {@link #backfill(Iterator, BackfillOptions)} over a stream; its size, when the stream knows it exactly, is the
     * progress total unless the options give one. The stream is consumed, not closed.
     */
    public BackfillResult backfill(Stream<OrderEvent> events, BackfillOptions options) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(options, "options");
        requireOpen();
        Spliterator<OrderEvent> split = events.spliterator();
        return new Backfiller(engine, metrics, System::nanoTime)
                .run(Spliterators.iterator(split), options, split.getExactSizeIfKnown());
    }

    /** The read side. */
    public AnalyticsQueries queries() {
        return queries;
    }

    /** Compares the stored aggregates with a recompute from the ledger; changes nothing. */
    public DriftReport verify() {
        return Verifier.verify(store);
    }

    /**
     * Recomputes every aggregate from the ledger and writes the result in place of the stored aggregates. Run it
     * while no events are being recorded. Returns the drift that was found (and is now repaired).
     */
    public DriftReport rebuild() {
        DriftReport before = Verifier.verify(store);
        store.replaceAggregates(Verifier.recompute(store, new long[1]));
        cache.invalidateAll();
        return before;
    }

    /** Finishes store batches a crash left half-applied; returns how many. Safe to call at any time. */
    public int recover() {
        return store.recover();
    }

    /** The business zone days are bucketed in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Closes with the configured {@link AsyncOptions#closeTimeout()} (30 s without async mode). Events that could not
     * be applied in that time are logged as lost; use {@link #close(Duration)} to get them back.
     */
    @Override
    public void close() {
        DrainReport report = close(closeTimeout);
        if (!report.unapplied().isEmpty()) {
            log.error("closed with {} events not applied; they are lost (close(Duration) hands them back)",
                    report.unapplied().size());
        }
    }

    /**
     * Stops intake (later {@code record}/{@code submit} calls throw {@link IllegalStateException}), drains the async
     * queue and makes one more attempt at the parked events, stops the writer and listener threads, then closes the
     * cache and the store. Waits at most about {@code timeout} (plus a second if the writer must be interrupted).
     * Idempotent: later calls return the first report.
     *
     * @return the events that could not be applied, in acceptance order; the host may persist them and record them
     *         again later (re-recording cannot double count)
     * @throws IllegalStateException if called on the writer thread (e.g. from a future's non-async callback);
     *                               nothing is closed then
     */
    public DrainReport close(Duration timeout) {
        requireTimeout(timeout);
        synchronized (closeMonitor) {
            if (closeReport != null) {
                return closeReport;
            }
            // throws on the writer thread before anything is closed
            DrainReport report = pipeline == null ? DrainReport.empty() : pipeline.close(timeout);
            closeReport = report;
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

    private void requireOpen() {
        if (closeReport != null) {
            throw new IllegalStateException("this Analytics instance is closed");
        }
    }

    private static void requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
    }

    /** Explicit wiring; every setter checks its argument at once. Only {@link #zone} is required. */
    public static final class Builder {
        private AnalyticsStore store;
        private AnalyticsCache cache;
        private ZoneId zone;
        private Clock clock = Clock.systemUTC();
        private CountingPolicy countingPolicy = CountingPolicy.AT_DELIVERED;
        private Currency currency;
        private RatingPolicy rating = RatingPolicy.fourTier();
        private FrequencyPolicy frequency = FrequencyPolicy.perMonth();
        private TimeOfDayPolicy timeOfDay = TimeOfDayPolicy.standard();
        private CustomerTierPolicy tier = CustomerTierPolicy.standard();
        private int topItems = 5;
        private int topCategories = 3;
        private final List<AnalyticsListener> listeners = new ArrayList<>();
        private int maxConflictRounds = 16;
        private int storeAttempts = 3;
        private Duration storeBackoff = Duration.ofMillis(20);
        private AsyncOptions async;
        private int listenerQueueCapacity = 10_000;

        private Builder() {}

        /** Where ledger and aggregates live. Default: a new {@link InMemoryAnalyticsStore}. */
        public Builder store(AnalyticsStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Read cache. Default: none. */
        public Builder cache(AnalyticsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Business zone for daily buckets and for time of day of customers without their own zone. Required. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Clock for ledger timestamps and account ages. Default: system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** When orders start to count. Default: {@link CountingPolicy#AT_DELIVERED}. */
        public Builder countingPolicy(CountingPolicy policy) {
            this.countingPolicy = Objects.requireNonNull(policy, "countingPolicy");
            return this;
        }

        /** The only currency accepted; orders and refunds in another are rejected. Default: not enforced. */
        public Builder currency(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        public Builder ratingPolicy(RatingPolicy policy) {
            this.rating = Objects.requireNonNull(policy, "ratingPolicy");
            return this;
        }

        public Builder frequencyPolicy(FrequencyPolicy policy) {
            this.frequency = Objects.requireNonNull(policy, "frequencyPolicy");
            return this;
        }

        public Builder timeOfDayPolicy(TimeOfDayPolicy policy) {
            this.timeOfDay = Objects.requireNonNull(policy, "timeOfDayPolicy");
            return this;
        }

        public Builder customerTierPolicy(CustomerTierPolicy policy) {
            this.tier = Objects.requireNonNull(policy, "customerTierPolicy");
            return this;
        }

        /** Size of a profile's most-ordered items, 1..100. Default 5. */
        public Builder topItems(int n) {
            this.topItems = requireRange(n, 1, 100, "topItems");
            return this;
        }

        /** Size of a profile's favourite categories, 1..100. Default 3. */
        public Builder topCategories(int n) {
            this.topCategories = requireRange(n, 1, 100, "topCategories");
            return this;
        }

        /**
         * Adds a listener; see {@link AnalyticsListener} for how notifications are delivered. With a listener, each
         * applied batch also reads the stored counters of every product and customer it moved, to detect threshold
         * crossings (one store read each).
         */
        public Builder listener(AnalyticsListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How often a failing store write is tried before {@link StoreException} is thrown, 1..20. Default 3. */
        public Builder storeAttempts(int attempts) {
            this.storeAttempts = requireRange(attempts, 1, 20, "storeAttempts");
            return this;
        }

        /** First back-off between store attempts (doubles each time). Default 20 ms. */
        public Builder storeBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "storeBackoff");
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("storeBackoff must not be negative, got " + backoff);
            }
            this.storeBackoff = backoff;
            return this;
        }

        /**
         * Turns on async mode: {@link Analytics#submit} queues events for a writer thread. Default: off (submit
         * records synchronously). The {@code storeAttempts}/{@code storeBackoff} settings then apply to
         * {@code record}, {@code recordAll} and backfill only; the writer retries per {@code options}.
         */
        public Builder async(AsyncOptions options) {
            this.async = Objects.requireNonNull(options, "async");
            return this;
        }

        /**
         * Notifications the listener thread may hold, 1..1,000,000; more are dropped and counted. Default 10,000.
         */
        public Builder listenerQueueCapacity(int notifications) {
            this.listenerQueueCapacity = requireRange(notifications, 1, 1_000_000, "listenerQueueCapacity");
            return this;
        }

        /**
         * Builds the instance and runs {@code store.recover()}. In async mode a failing recovery is logged and
         * retried before the first write, so that a host can start while its store is down.
         *
         * @throws IllegalStateException if no zone was given
         * @throws StoreException        without async mode, if the store's recovery fails
         */
        public Analytics build() {
            if (zone == null) {
                throw new IllegalStateException(
                        "zone is required: daily buckets and time of day need an explicit business zone");
            }
            return new Analytics(this);
        }

        private static int requireRange(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        }
    }
}
