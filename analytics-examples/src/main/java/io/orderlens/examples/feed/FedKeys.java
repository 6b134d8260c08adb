package io.orderlens.examples.feed;

import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.RefundLine;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The keys an event stream touched, collected as it is fed ({@link #track}): every product and customer id and the
 * span of instants (event, order and refund times). With them a run reads each of its products and customers back
 * through the query API, and knows which business days can hold figures. Memory grows with the distinct ids, as the
 * store's own does. Not thread-safe: use it on the thread that reads the source, read it after the feed.
 */
public final class FedKeys {
    private final Set<String> productIds = new HashSet<>();
    private final Set<String> customerIds = new HashSet<>();
    private SortedSet<String> sortedProductIds;
    private SortedSet<String> sortedCustomerIds;
    private Instant earliest;
    private Instant latest;

    /** {@code source}, recording the keys of each event as it is taken. */
    public EventSource track(EventSource source) {
        return new EventSource() {
            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public OrderEvent next() {
                OrderEvent e = source.next();
                add(e);
                return e;
            }
        };
    }

    /** Records the keys of {@code e}. */
    public void add(OrderEvent e) {
        instant(e.at());
        if (e.order() != null) {
            customerIds.add(e.order().customerId());
            instant(e.order().placedAt());
            for (LineItem line : e.order().lines()) {
                productIds.add(line.productId());
            }
        }
        if (e.refund() != null) {
            if (e.refund().customerId() != null) {
                customerIds.add(e.refund().customerId());
            }
            instant(e.refund().at());
            for (RefundLine line : e.refund().lines()) {
                productIds.add(line.productId());
            }
        }
    }

    /** Every product id seen so far, sorted. Unmodifiable; a copy taken when called. */
    public SortedSet<String> productIds() {
        if (sortedProductIds == null || sortedProductIds.size() != productIds.size()) {
            sortedProductIds = Collections.unmodifiableSortedSet(new TreeSet<>(productIds));
        }
        return sortedProductIds;
    }

    /** Every customer id seen so far, sorted. Unmodifiable; a copy taken when called. */
    public SortedSet<String> customerIds() {
        if (sortedCustomerIds == null || sortedCustomerIds.size() != customerIds.size()) {
            sortedCustomerIds = Collections.unmodifiableSortedSet(new TreeSet<>(customerIds));
        }
        return sortedCustomerIds;
    }

    /** True until an event was recorded. */
    public boolean isEmpty() {
        return earliest == null;
    }

    /**
     * The first business day of any instant seen.
     *
     * @throws IllegalStateException if no event was recorded
     */
    public LocalDate firstDay(ZoneId zone) {
        requireEvents();
        return earliest.atZone(zone).toLocalDate();
    }

    /**
     * The last business day of any instant seen.
     *
     * @throws IllegalStateException if no event was recorded
     */
    public LocalDate lastDay(ZoneId zone) {
        requireEvents();
        return latest.atZone(zone).toLocalDate();
    }

    private void requireEvents() {
        if (isEmpty()) {
            throw new IllegalStateException("no event was recorded");
        }
    }

    private void instant(Instant t) {
        if (t == null) {
            return;
        }
        if (earliest == null || t.isBefore(earliest)) {
            earliest = t;
        }
        if (latest == null || t.isAfter(latest)) {
            latest = t;
        }
    }
}
