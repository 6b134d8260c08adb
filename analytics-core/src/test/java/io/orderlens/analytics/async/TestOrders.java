package io.orderlens.analytics.async;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Deterministic orders and an independent reference: the same events recorded one by one, synchronously. */
public final class TestOrders {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    public static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    private TestOrders() {}

    /**
     * Order {@code i}: customer c-(i mod 7), one or two lines over five products (each with one name and category
     * throughout), prices with 3 decimals.
     */
    public static Order order(int i) {
        List<LineItem> lines = new ArrayList<>();
        lines.add(line(i % 5, 1 + i % 3, "2.125"));
        if (i % 2 == 0) {
            lines.add(line((i + 2) % 5, 2, "0.001"));
        }
        return new Order(
                "o-" + i,
                Customer.of("c-" + (i % 7)),
                T0.plus(Duration.ofMinutes(17L * i)),
                lines,
                i % 4 == 0 ? "DE" : "FR");
    }

    private static LineItem line(int product, int quantity, String price) {
        return LineItem.of("p-" + product, "Product " + product, "cat-" + product % 3, quantity, price);
    }

    /** Order {@code i}, delivered with its body an hour after it was placed: it counts at once. */
    public static OrderEvent delivered(int i) {
        Order o = order(i);
        return OrderEvent.delivered(o, o.placedAt().plus(Duration.ofHours(1)));
    }

    public static List<OrderEvent> delivered(int from, int toExclusive) {
        List<OrderEvent> out = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            out.add(delivered(i));
        }
        return out;
    }

    public static Analytics.Builder builder(AnalyticsStore store) {
        return Analytics.builder().store(store).zone(ZONE).clock(CLOCK);
    }

    /** Units sold by the given delivered-with-body events, summed from the orders themselves. */
    public static long units(List<OrderEvent> events) {
        return events.stream().mapToLong(e -> e.order().itemCount()).sum();
    }

    /** Net units over every product of a store. */
    public static long storedUnits(AnalyticsStore store) {
        return store.snapshot().products().values().stream()
                .mapToLong(ProductCounters::units)
                .sum();
    }

    /** The aggregates a fresh store holds after recording {@code events} one at a time (invalid ones skipped). */
    public static Delta reference(List<OrderEvent> events) {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        try (Analytics analytics = builder(store).build()) {
            for (OrderEvent e : events) {
                try {
                    analytics.record(e);
                } catch (InvalidEventException ignored) {
                    // the reference skips what the lifecycle rejects, like the pipeline does
                }
            }
        }
        return store.snapshot().withoutZeros();
    }

    /** Ledger keys of a store, but those of the customers' entries. */
    public static Set<String> ledgerKeys(AnalyticsStore store) {
        List<String> keys = new ArrayList<>();
        store.forEachLedgerEntry(e -> {
            if (!e.isCustomer()) {
                keys.add(e.key());
            }
        });
        return keys.stream().collect(Collectors.toSet());
    }

    /** Threads whose name starts with {@code orderlens-} and that are alive. */
    public static Set<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("orderlens-") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
