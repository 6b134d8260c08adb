package io.orderlens.analytics.testing;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Delta;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** An in-memory Analytics with a hand-moved clock, for behaviour tests. */
public class AnalyticsFixture {
    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    public static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    public final MutableClock clock = new MutableClock(NOW);
    public final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    public final Analytics analytics;

    public AnalyticsFixture() {
        this(CountingPolicy.AT_DELIVERED);
    }

    public AnalyticsFixture(CountingPolicy policy) {
        this.analytics = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock)
                .countingPolicy(policy)
                .build();
    }

    public AnalyticsFixture(Analytics.Builder builder) {
        this.analytics = builder.store(store).zone(ZONE).clock(clock).build();
    }

    public void deliver(Order o) {
        analytics.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(o.orderId(), o.placedAt())));
    }

    public Delta snapshot() {
        return store.snapshot().withoutZeros();
    }

    public static long units(String amount) {
        return MoneyUnits.of(new BigDecimal(amount), "amount");
    }
}
