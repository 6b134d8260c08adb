package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run of queued events through the engine and completes the futures of those that got an outcome, were
 * rejected as invalid or were refused by the store for good; hands back the rest (store failure, endless conflicts)
 * in order, marking those whose write may have taken effect. Used by the writer thread only.
 */
final class EventWriter {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    /** What a store attempt left unwritten, and whether the store itself failed (as opposed to one event). */
    record Attempt(List<QueuedEvent> unwritten, boolean storeFailed) {}

    private final Engine engine;
    private final PipelineMetrics metrics;
    private final AnalyticsListener notifier;

    /** @param notifier told about events that fail for reasons other than the store (a broken store contract) */
    EventWriter(Engine engine, PipelineMetrics metrics, AnalyticsListener notifier) {
        this.engine = engine;
        this.metrics = metrics;
        this.notifier = notifier;
    }

    /**
     * Writes {@code run}. If the engine throws something other than a store failure, the events are tried one by
     * one so that one bad event cannot hold back the others; an event that still fails alone is handed back and
     * reported.
     */
    Attempt write(List<QueuedEvent> run) {
        if (run.isEmpty()) {
            return new Attempt(List.of(), false);
        }
        List<Engine.Result> results;
        try {
            results = engine.tryProcess(QueuedEvent.events(run));
        } catch (RuntimeException e) {
            if (run.size() > 1) {
                List<QueuedEvent> unwritten = new ArrayList<>();
                boolean storeFailed = false;
                for (QueuedEvent q : run) {
                    Attempt one = write(List.of(q));
                    unwritten.addAll(one.unwritten());
                    storeFailed |= one.storeFailed();
                }
                return new Attempt(unwritten, storeFailed);
            }
            log.error("writing event {} failed unexpectedly; it stays parked", run.get(0).event, e);
            metrics.failed.increment();
            try {
                notifier.onWriteFailed(1, e);
            } catch (RuntimeException ignored) {
                // the notifier is the dispatcher, which does not throw
            }
            return new Attempt(run, false);
        }
        List<QueuedEvent> unwritten = new ArrayList<>();
        boolean storeFailed = false;
        for (int i = 0; i < run.size(); i++) {
            Engine.Result r = results.get(i);
            QueuedEvent q = run.get(i);
            if (r.outcome() != null) {
                q.future.complete(r.outcome());
            } else if (r.error() instanceof InvalidEventException || r.error() instanceof StoreRejectedException) {
                q.future.completeExceptionally(r.error());
            } else {
                q.maybeWritten |= r.maybeWritten();
                unwritten.add(q);
                storeFailed |= r.error() instanceof StoreException;
            }
        }
        return new Attempt(unwritten, storeFailed);
    }
}
