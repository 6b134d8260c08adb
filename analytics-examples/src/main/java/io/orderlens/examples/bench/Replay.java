package io.orderlens.examples.bench;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.util.List;

/** Replays events through the library the way every measurement does. Stateless. */
final class Replay {
    private Replay() {}

    /** An {@link Analytics} over {@code store} in the data's business zone, counting at delivery (the default). */
    static Analytics analytics(AnalyticsStore store) {
        return Analytics.builder().store(store).zone(OnlineRetailMapping.ZONE).build();
    }

    /** Records {@code events} in consecutive {@code recordAll} batches of {@code batchSize}. */
    static void recordAll(Analytics analytics, List<OrderEvent> events, int batchSize) {
        for (int from = 0; from < events.size(); from += batchSize) {
            List<?> outcomes = analytics.recordAll(events.subList(from, Math.min(events.size(), from + batchSize)));
            Sink.consume(outcomes.size());
        }
    }

    /**
     * Records {@code events} in consecutive {@code recordAll} batches of {@code batchSize}, stopping after the batch
     * during which {@code budgetNanos} ran out.
     *
     * @return how many events were recorded
     */
    static int recordAll(Analytics analytics, List<OrderEvent> events, int batchSize, long budgetNanos) {
        long started = System.nanoTime();
        int from = 0;
        while (from < events.size() && System.nanoTime() - started < budgetNanos) {
            int to = Math.min(events.size(), from + batchSize);
            Sink.consume(analytics.recordAll(events.subList(from, to)).size());
            from = to;
        }
        return from;
    }

    /** Events per second. */
    static double rate(int events, long nanos) {
        return events / (nanos / 1e9);
    }
}
