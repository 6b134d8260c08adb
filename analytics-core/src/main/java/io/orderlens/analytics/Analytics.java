package io.orderlens.analytics;

import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.async.DrainReport;
import io.orderlens.analytics.backfill.BackfillOptions;
import io.orderlens.analytics.backfill.BackfillResult;
import io.orderlens.analytics.clv.LifetimeValues;
import io.orderlens.analytics.cohort.Cohorts;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.flag.FeatureFlags;
import io.orderlens.analytics.funnel.FunnelQueries;
import io.orderlens.analytics.internal.Backfiller;
import io.orderlens.analytics.internal.Engine;
import io.orderlens.analytics.internal.Verifier;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.period.PeriodQueries;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.report.Reports;
import io.orderlens.analytics.segment.Segments;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
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

    private final Wiring w;

    private Analytics(Builder b) {
        this.w = new Wiring(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one event synchronously: when this returns, the effect is in the store and the cache is invalidated.
     * Recording the same event again returns {@link RecordOutcome#DUPLICATE} and changes nothing.
     *
     * @throws InvalidEventException if the event is rejected (nothing is written)
     * @throws StoreRejectedException if the store refused the write for good (not retried)
     * @throws StoreException if the store keeps failing; recording the same event again is safe
     * @throws ConcurrentUpdateException if the order kept changing under concurrent writers
     */
    public RecordOutcome record(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        requireOpen();
        w.metrics.recorded(1);
        Engine.Result r = w.engine
                .process(List.of(event), Engine.InvalidEvents.REJECT_BATCH)
                .get(0);
        if (r.error() != null) {
            throw r.error();
        }
        return r.outcome();
    }

    /**
     * Records events as one batch (one store write per aggregate kind). Events of the same order apply in list
     * order. All or nothing for bad input: if any event is invalid, an {@link InvalidEventException} naming its index
     * is thrown and nothing is written. If the store refuses the batch for good, each order is written on its own,
     * and the first refusal is thrown after the other orders were written.
     *
     * @return one outcome per event, in order
     * @throws StoreRejectedException if the store refused an order's write for good
     * @throws StoreException if the store keeps failing; recording the same events again is safe
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
        w.metrics.recorded(events.size());
        List<RecordOutcome> out = new ArrayList<>(events.size());
        for (Engine.Result r : w.engine.process(events, Engine.InvalidEvents.REJECT_BATCH)) {
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
        if (w.pipeline == null) {
            try {
                return CompletableFuture.completedFuture(record(event));
            } catch (AnalyticsException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        requireOpen();
        return w.pipeline.submit(event);
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
        return w.pipeline == null ? DrainReport.empty() : w.pipeline.flush(timeout);
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
        if (w.pipeline == null) {
            w.store.recover();
            return DrainReport.empty();
        }
        return w.pipeline.retryFailed(timeout);
    }

    /**
     * Counters, queue depth and batch-size / latency percentiles of the write path, and the cache's counters.
     * Cheap; thread-safe.
     */
    public MetricsSnapshot metrics() {
        return w.metrics.snapshot(w.cache.statistics());
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
        return new Backfiller(w.engine, w.metrics, System::nanoTime).run(events, options, -1);
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
        return new Backfiller(w.engine, w.metrics, System::nanoTime)
                .run(Spliterators.iterator(split), options, split.getExactSizeIfKnown());
    }

    /**
     * The read side. Its methods (also on an instance obtained earlier) throw {@link IllegalStateException} once this
     * instance is closed.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public AnalyticsQueries queries() {
        requireOpen();
        return w.queries;
    }

    /**
     * Experiments: definitions, assignment, exposures and results on this instance's store. Queued exposures are
     * written by {@link Experiments#flushExposures()} and at close.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public Experiments experiments() {
        requireOpen();
        return w.experiments;
    }

    /**
     * Cohorts: retention of acquisition cohorts by month or ISO week, and the acquisition and repeat funnel.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public Cohorts cohorts() {
        requireOpen();
        return w.cohorts;
    }

    /**
     * Customer lifetime value: historic value and the BG/NBD and Gamma-Gamma predictions per customer, with models
     * fitted off the write path and cached (see {@link LifetimeValues}).
     *
     * @throws IllegalStateException if this instance is closed
     */
    public LifetimeValues lifetimeValue() {
        requireOpen();
        return w.lifetimeValues;
    }

    /**
     * Feature flags: definitions kept in this instance's store, evaluated locally; evaluation counts per flag and
     * day written to the store on a schedule this instance owns ({@code Builder.flagStatistics}) and at close.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public FeatureFlags flags() {
        requireOpen();
        return w.flags;
    }

    /**
     * Series by day, ISO week, month, quarter and year, with changes and range summaries, from the daily counters.
     * Its methods (also on an instance obtained earlier) throw {@link IllegalStateException} once this instance is
     * closed.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public PeriodQueries periods() {
        requireOpen();
        return w.periods;
    }

    /**
     * Funnels: the order lifecycle funnel with stage counts, cancellations, conversion and step-time percentiles,
     * from counters kept on the write path. Its methods (also on an instance obtained earlier) throw
     * {@link IllegalStateException} once this instance is closed.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public FunnelQueries funnels() {
        requireOpen();
        return w.funnels;
    }

    /**
     * Customer segments: RFM scores and named segments, and rule-based segments (count, members, membership,
     * statistics, dry run), computed from the store's customer rows through the cache. Its methods (also on an
     * instance obtained earlier) throw {@link IllegalStateException} once this instance is closed.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public Segments segments() {
        requireOpen();
        return w.segments;
    }

    /**
     * Reports: the built-in reports over this instance's counters, CSV and HTML output, and schedules run on a thread
     * this instance owns and stops at close.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public Reports reports() {
        requireOpen();
        return w.reports;
    }

    /**
     * Compares the stored aggregates with a recompute from the ledger; changes nothing.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public DriftReport verify() {
        requireOpen();
        return Verifier.verify(w.store);
    }

    /**
     * Recomputes every aggregate from the ledger (read once) and writes the result in place of the stored
     * aggregates. Exclusive with the writes of this instance: {@code record}, {@code recordAll}, backfill and the
     * async writer wait while it runs, and it waits for the writes in progress. Writers in other instances are not
     * stopped: stop them (or let them idle) for the duration of a rebuild, see the README. Returns the drift that was
     * found (and is now repaired).
     *
     * @throws IllegalStateException if this instance is closed
     */
    public DriftReport rebuild() {
        requireOpen();
        return w.engine.exclusive(() -> {
            Verifier.Recomputed recomputed = Verifier.recompute(w.store);
            DriftReport before = Verifier.drift(w.store, recomputed.aggregates(), recomputed.ledgerEntries());
            w.store.replaceAggregates(recomputed.aggregates());
            Verifier.repairCustomerEntries(w.engine, recomputed, w.clock.instant());
            w.cache.invalidateAll();
            return before;
        });
    }

    /**
     * Compacts the ledger: raises the retention horizon to {@code olderThan} (it never moves back) and moves every
     * order settled before it (canceled, or delivered or fully refunded; placed and last changed before the horizon)
     * and every standalone refund made and recorded before it out of the ledger, into the store's baseline. Every
     * aggregate stays exactly as it was; {@link #verify()} and {@link #rebuild()} then work from the baseline plus
     * the remaining ledger. From then on an event for such an order has the outcome the README documents (a late
     * refund or cancel is refused with a {@link BeyondRetentionException}). Idempotent, batched, and safe to run while
     * events are recorded; after a failure, run it again ({@code recover()} finishes a half-applied batch).
     *
     * @throws IllegalArgumentException if {@code olderThan} is after the clock's now
     * @throws UnsupportedOperationException if the store keeps no baseline
     * @throws IllegalStateException if this instance is closed
     * @throws StoreException if the store keeps failing
     */
    public CompactionReport compact(Instant olderThan) {
        requireOpen();
        return w.compactor.compact(olderThan);
    }

    /**
     * Erases a customer: every ledger entry naming {@code customerId} (orders, refunds, exposures) is moved to a
     * random pseudonym together with the customer's counts, so that product, category, day, country, new-customer
     * and experiment totals stay exactly as they were; then the customer's profile, per-product, per-category and
     * experiment rows are deleted, from the baseline of compacted orders too, and the customer's cached reads are
     * invalidated. No link from the customer to the pseudonym is kept. The log names the erasure's random
     * {@link ErasureReport#reference()}, never the customer. Idempotent; after a failure, call it again: it resumes
     * with the same pseudonym. Exclusive with the writes of this instance; stop recording events for this customer
     * in other instances while it runs. What a later event for the customer does is in the README.
     *
     * @throws IllegalArgumentException if {@code customerId} is null or blank
     * @throws UnsupportedOperationException if the store cannot delete rows or keep a baseline
     * @throws IllegalStateException if this instance is closed
     * @throws StoreException if the store keeps failing
     */
    public ErasureReport forgetCustomer(String customerId) {
        requireOpen();
        return w.eraser.forget(customerId);
    }

    /**
     * Finishes store batches a crash left half-applied; returns how many. Safe to call at any time while open.
     *
     * @throws IllegalStateException if this instance is closed
     */
    public int recover() {
        requireOpen();
        return w.store.recover();
    }

    /** The business zone days are bucketed in. */
    public ZoneId zone() {
        return w.zone;
    }

    /**
     * Closes with the configured {@link AsyncOptions#closeTimeout()} (30 s without async mode). Events that could not
     * be applied in that time are logged as lost; use {@link #close(Duration)} to get them back.
     */
    @Override
    public void close() {
        CloseReport report = close(w.closeTimeout);
        if (!report.complete()) {
            log.error(
                    "closed with {} events not applied and {} of unknown outcome; they are lost "
                            + "(close(Duration) hands them back)",
                    report.notApplied().size(),
                    report.outcomeUnknown().size());
        }
    }

    /**
     * Stops intake, drains the async queue and makes one more attempt at the parked events, writes the queued
     * exposures and the flag evaluation counts (after a flush of them in progress), stops the writer, listener and
     * background threads, then closes the cache and the store. Waits at most about {@code timeout} (plus a second if
     * the writer must be interrupted, plus one ledger read to settle writes whose acknowledgement was lost).
     * Idempotent: later calls return the first report.
     *
     * <p>After a close, {@code record}, {@code recordAll}, {@code submit}, {@code backfill}, {@code queries()} (and
     * the methods of a query object obtained earlier), {@code verify}, {@code rebuild}, {@code recover} and
     * {@code retryFailed} throw {@link IllegalStateException}; {@code metrics()}, {@code zone()}, {@code flush} (which
     * returns at once) and {@code close} still answer.
     *
     * @return every event the async pipeline held when the close began, as applied, not applied, or of unknown
     *         outcome; the host may persist the last two lists and record them again later (re-recording cannot
     *         double count). Empty without async mode.
     * @throws IllegalStateException if called on the writer thread (e.g. from a future's non-async callback);
     *                               nothing is closed then
     */
    public CloseReport close(Duration timeout) {
        requireTimeout(timeout);
        return w.close(timeout);
    }

    private void requireOpen() {
        w.requireOpen();
    }

    private static void requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
    }

    /** Explicit wiring; every setter checks its argument at once. Only {@link #zone} is required. */
    public static final class Builder extends AnalyticsSettings<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the instance and runs {@code store.recover()}. A failing recovery (the store is down, or a pending
         * batch cannot be finished yet) does not stop the start: it is logged and re-tried in the background (in
         * async mode also before the first write), and {@code metrics().recoveryPending()} is true until it
         * succeeds.
         *
         * @throws IllegalStateException if no zone was given
         */
        public Analytics build() {
            if (zone == null) {
                throw new IllegalStateException(
                        "zone is required: daily buckets and time of day need an explicit business zone");
            }
            return new Analytics(this);
        }
    }
}
