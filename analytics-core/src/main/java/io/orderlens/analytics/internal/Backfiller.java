package io.orderlens.analytics.internal;

import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.backfill.BackfillCheckpoint;
import io.orderlens.analytics.backfill.BackfillOptions;
import io.orderlens.analytics.backfill.BackfillProgress;
import io.orderlens.analytics.backfill.BackfillResult;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes historical events batch by batch on the calling thread: skips what the checkpoint says is done, reads the
 * source lazily (one batch in memory), saves the checkpoint after each written batch and reports progress. Store
 * failures propagate after the engine's retries with the checkpoint at the last written batch, so a new run with the
 * same checkpoint resumes there. Not thread-safe: one run per instance.
 */
public final class Backfiller {
    private static final Logger log = LoggerFactory.getLogger(Backfiller.class);

    private final Engine engine;
    private final PipelineMetrics metrics;
    private final LongSupplier nanoTime;

    /**
     * @param nanoTime monotonic time source for rate and ETA ({@code System::nanoTime} in production)
     */
    public Backfiller(Engine engine, PipelineMetrics metrics, LongSupplier nanoTime) {
        this.engine = engine;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    /**
     * @param knownTotal events in the source if known from the source itself, else -1 ({@code options.total()}
     *                   wins when set)
     */
    public BackfillResult run(Iterator<OrderEvent> source, BackfillOptions options, long knownTotal) {
        BackfillCheckpoint checkpoint = options.checkpoint();
        long total = options.total() >= 0 ? options.total() : knownTotal;
        long start = checkpoint.load();
        long position = 0;
        while (position < start && source.hasNext()) {
            source.next();
            position++;
        }
        if (position < start) {
            log.warn("backfill checkpoint says {} events are done but the source has only {}", start, position);
        }
        long resumedFrom = position;
        long began = nanoTime.getAsLong();
        Tally tally = new Tally();
        long batches = 0;
        List<OrderEvent> batch = new ArrayList<>(options.batchSize());
        while (source.hasNext()) {
            batch.add(source.next());
            if (batch.size() == options.batchSize() || !source.hasNext()) {
                try {
                    write(batch, position, options, tally);
                } catch (StoreException e) {
                    throw new StoreException(
                            "backfill stopped at position " + position + " (" + checkpoint
                                    + "); a new run with the same checkpoint resumes there: " + e.getMessage(),
                            e);
                }
                position += batch.size();
                batch.clear();
                checkpoint.save(position);
                batches++;
                if (batches % options.progressEvery() == 0 && source.hasNext()) {
                    options.progress().accept(progress(position, resumedFrom, total, began));
                }
            }
        }
        options.progress().accept(progress(position, resumedFrom, total, began));
        if (tally.invalid > 0) {
            log.warn("backfill rejected {} invalid events of {}", tally.invalid, position - resumedFrom);
        }
        return new BackfillResult(
                resumedFrom,
                position - resumedFrom,
                tally.applied,
                tally.duplicates,
                tally.held,
                tally.ignored,
                tally.invalid,
                batches,
                Duration.ofNanos(nanoTime.getAsLong() - began));
    }

    /** Outcomes of the events written so far by one run; confined to the run's thread. */
    private static final class Tally {
        long applied;
        long duplicates;
        long held;
        long ignored;
        long invalid;

        void add(RecordOutcome outcome) {
            switch (outcome) {
                case APPLIED -> applied++;
                case DUPLICATE -> duplicates++;
                case HELD -> held++;
                case IGNORED -> ignored++;
            }
        }
    }

    private void write(List<OrderEvent> batch, long position, BackfillOptions options, Tally tally) {
        List<OrderEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            OrderEvent e = batch.get(i);
            if (e == null) {
                throw new InvalidEventException("backfill source returned null at position " + (position + i));
            }
            events.add(e);
        }
        metrics.recorded(events.size());
        List<Engine.Result> results = engine.process(events, Engine.InvalidEvents.SKIP);
        for (int i = 0; i < results.size(); i++) {
            Engine.Result r = results.get(i);
            if (r.outcome() == null) {
                if (r.error() instanceof InvalidEventException invalid) {
                    tally.invalid++;
                    log.debug("backfill event at position {} rejected: {}", position + i, invalid.getMessage());
                    options.invalidEvents().onInvalid(position + i, events.get(i), invalid);
                    continue;
                }
                throw r.error();
            }
            tally.add(r.outcome());
        }
    }

    private BackfillProgress progress(long done, long resumedFrom, long total, long began) {
        long elapsed = nanoTime.getAsLong() - began;
        long written = done - resumedFrom;
        double rate = elapsed <= 0 || written == 0 ? 0 : written * 1e9 / elapsed;
        Duration eta = null;
        if (total >= 0 && rate > 0) {
            eta = Duration.ofNanos((long) (Math.max(0, total - done) / rate * 1e9));
        }
        return new BackfillProgress(done, total, rate, eta);
    }
}
