package io.orderlens.benchmarks;

import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.examples.retail.MappingStats;
import io.orderlens.examples.retail.OnlineRetailMapping;
import io.orderlens.examples.retail.OnlineRetailReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Online Retail file parsed once into memory: one event per invoice (a delivered order or a standalone refund),
 * in file order. Every measurement replays these same events. Immutable.
 *
 * @param events      the events, in file order
 * @param orders      how many of them are orders
 * @param refunds     how many of them are standalone refunds
 * @param lines       order and refund lines over all events
 * @param firstDay    the earliest business-zone day of any event
 * @param lastDay     the latest business-zone day of any event
 * @param customerIds distinct customer ids of the orders, in order of first appearance
 * @param stats       what the mapping read and skipped
 * @param loadNanos   time spent reading and mapping the file
 */
record Dataset(
        List<OrderEvent> events,
        int orders,
        int refunds,
        long lines,
        LocalDate firstDay,
        LocalDate lastDay,
        List<String> customerIds,
        MappingStats stats,
        long loadNanos) {

    Dataset {
        events = Collections.unmodifiableList(events);
        customerIds = List.copyOf(customerIds);
    }

    /**
     * Reads at most {@code limit} events of {@code file}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it yields no event
     */
    static Dataset load(Path file, int limit) throws IOException {
        long started = System.nanoTime();
        List<OrderEvent> events = new ArrayList<>();
        MappingStats stats;
        try (OnlineRetailReader reader = OnlineRetailReader.open(file)) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(reader);
            while (events.size() < limit && source.hasNext()) {
                events.add(source.next());
            }
            stats = source.stats();
        }
        long loadNanos = System.nanoTime() - started;
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no order or refund could be read from " + file);
        }
        int orders = 0;
        long lines = 0;
        LocalDate first = null;
        LocalDate last = null;
        Set<String> customers = new LinkedHashSet<>();
        for (OrderEvent e : events) {
            if (e.type() == EventType.REFUNDED) {
                lines += e.refund().lines().size();
            } else {
                orders++;
                lines += e.order().lines().size();
                customers.add(e.order().customerId());
            }
            LocalDate day = e.at().atZone(OnlineRetailMapping.ZONE).toLocalDate();
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }
        return new Dataset(
                events,
                orders,
                events.size() - orders,
                lines,
                first,
                last,
                new ArrayList<>(customers),
                stats,
                loadNanos);
    }

    /** Distinct customer ids of the orders among {@code events}, in order of first appearance. */
    static List<String> customerIds(List<OrderEvent> events) {
        Set<String> customers = new LinkedHashSet<>();
        for (OrderEvent e : events) {
            if (e.order() != null) {
                customers.add(e.order().customerId());
            }
        }
        return new ArrayList<>(customers);
    }

    int size() {
        return events.size();
    }

    /** The first {@code n} events (all of them if there are fewer). */
    List<OrderEvent> prefix(int n) {
        return events.subList(0, Math.min(n, events.size()));
    }
}
