package io.orderlens.analytics.testing;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Ledger changes exactly as the engine builds them (entry after the event and its effect), taken from the batch the
 * engine hands its store, for store tests that apply batches directly. Uses only the public API and the SPI.
 */
public final class EngineChanges {
    private final ZoneId zone;
    private final Clock clock;

    public EngineChanges(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The change {@code event} makes to the ledger entry {@code current} (null: the entry does not exist yet), without
     * the change of the customer's entry that may come with it.
     */
    public LedgerChange of(LedgerEntry current, OrderEvent event) {
        Capture capture = new Capture(current);
        try (Analytics analytics =
                Analytics.builder().store(capture).zone(zone).clock(clock).build()) {
            analytics.record(event);
        }
        if (capture.batch != null) {
            // the batch may also change the customer's entry; the order's change is the one under its key
            for (LedgerChange c : capture.batch.changes()) {
                if (c.key().equals(event.ledgerKey())) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("the event changed no ledger entry: " + event);
    }

    /** Serves {@code current} as the stored ledger and keeps the batch instead of applying it. */
    private static final class Capture extends ForwardingAnalyticsStore {
        private final LedgerEntry current;
        private StoreBatch batch;

        Capture(LedgerEntry current) {
            super(new InMemoryAnalyticsStore());
            this.current = current;
        }

        @Override
        public Map<String, LedgerEntry> ledger(Collection<String> keys) {
            Map<String, LedgerEntry> out = new HashMap<>();
            if (current != null && keys.contains(current.key())) {
                out.put(current.key(), current);
            }
            return out;
        }

        @Override
        public ApplyResult apply(StoreBatch b) {
            this.batch = b;
            return ApplyResult.ALL_APPLIED;
        }
    }
}
