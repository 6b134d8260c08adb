package io.orderlens.benchmarks;

import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link BareFold} plus the other counters the library keeps for the replayed events, done the same bare way: per
 * customer and order day the orders placed, counted and their net value; per order day and category the orders with a
 * line of it, their units and gross, and per refund day the units and money refunds returned of it; the new customers
 * of each day (a customer is new on their earliest order day); per order day the statuses its orders reached and, per
 * bucket, the time from placement to the reported status. Assumes what the Online Retail events are: each order
 * arrives once, with its body, in one status event that counts it; refunds are standalone. No ledger, no lifecycle,
 * no validation. Not thread-safe.
 */
final class FullFold {
    static final int PLACED = 0;
    static final int COUNTED = 1;
    static final int NET = 2;

    static final int ORDERS = 0;
    static final int UNITS = 1;
    static final int GROSS = 2;
    static final int REFUNDED_UNITS = 3;
    static final int REFUNDED_AMOUNT = 4;

    private static final int STATUSES = OrderStatus.values().length;

    private final BareFold bare;
    private final ZoneId zone;
    private final Map<String, Map<LocalDate, long[]>> customerDays = new HashMap<>();
    private final Map<LocalDate, Map<String, long[]>> dayCategories = new HashMap<>();
    private final Map<String, LocalDate> firstDays = new HashMap<>();
    private final Map<LocalDate, long[]> newCustomers = new HashMap<>();
    private final Map<LocalDate, long[]> reached = new HashMap<>();
    private final Map<LocalDate, long[]> statuses = new HashMap<>();
    private final Map<LocalDate, Map<Integer, long[]>> toStatus = new HashMap<>();

    FullFold(ZoneId zone) {
        this.bare = new BareFold(zone);
        this.zone = zone;
    }

    /** Folds every event; returns the net revenue over all days in money units (the bare fold's checksum). */
    static long fold(List<OrderEvent> events, ZoneId zone) {
        FullFold f = new FullFold(zone);
        for (OrderEvent e : events) {
            f.add(e);
        }
        return f.bare.netRevenueUnits();
    }

    void add(OrderEvent e) {
        bare.add(e);
        if (e.type() == EventType.REFUNDED) {
            addRefund(e.refund());
        } else if (e.order() != null) {
            addOrder(e, e.order());
        }
    }

    private void addOrder(OrderEvent e, Order order) {
        LocalDate day = order.placedAt().atZone(zone).toLocalDate();
        Map<String, long[]> categories = dayCategories.computeIfAbsent(day, k -> new HashMap<>());
        Map<String, Boolean> seen = new HashMap<>();
        long total = 0;
        for (LineItem line : order.lines()) {
            long amount = MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity());
            long[] c = categories.computeIfAbsent(line.category(), k -> new long[5]);
            if (seen.put(line.category(), Boolean.TRUE) == null) {
                c[ORDERS]++;
            }
            c[UNITS] += line.quantity();
            c[GROSS] += amount;
            total += amount;
        }
        long[] cd = customerDays
                .computeIfAbsent(order.customerId(), k -> new HashMap<>())
                .computeIfAbsent(day, k -> new long[3]);
        cd[PLACED]++;
        cd[COUNTED]++;
        cd[NET] += total;
        LocalDate first = firstDays.get(order.customerId());
        if (first == null || day.isBefore(first)) {
            if (first != null) {
                newCustomers.get(first)[0]--;
            }
            firstDays.put(order.customerId(), day);
            newCustomers.computeIfAbsent(day, k -> new long[1])[0]++;
        }
        OrderStatus status = e.type().forwardStatus();
        long[] r = reached.computeIfAbsent(day, k -> new long[STATUSES]);
        for (int s = 0; s <= status.ordinal(); s++) {
            r[s]++;
        }
        statuses.computeIfAbsent(day, k -> new long[STATUSES])[status.ordinal()]++;
        if (status != OrderStatus.PLACED) {
            int bucket = DurationBuckets.index(Duration.between(order.placedAt(), e.at()));
            toStatus.computeIfAbsent(day, k -> new HashMap<>()).computeIfAbsent(bucket, k -> new long[1])[0]++;
        }
    }

    private void addRefund(Refund refund) {
        LocalDate day = refund.at().atZone(zone).toLocalDate();
        long total = 0;
        for (RefundLine line : refund.lines()) {
            long amount = MoneyUnits.of(line.amount(), "amount");
            if (line.category() != null) {
                long[] c = dayCategories
                        .computeIfAbsent(day, k -> new HashMap<>())
                        .computeIfAbsent(line.category(), k -> new long[5]);
                c[REFUNDED_UNITS] += line.quantity();
                c[REFUNDED_AMOUNT] += amount;
            }
            total += amount;
        }
        customerDays.computeIfAbsent(refund.customerId(), k -> new HashMap<>())
                .computeIfAbsent(day, k -> new long[3])[NET] -= total;
    }

    /** Per customer and day: placed, counted orders, net value ({@link #PLACED}, {@link #COUNTED}, {@link #NET}). */
    Map<String, Map<LocalDate, long[]>> customerDays() {
        return customerDays;
    }

    /** Per day and category: {@link #ORDERS}, {@link #UNITS}, {@link #GROSS}, refunded units and amount. */
    Map<LocalDate, Map<String, long[]>> dayCategories() {
        return dayCategories;
    }

    /** The new customers of each day (days that lost every one keep a zero). */
    Map<LocalDate, long[]> newCustomers() {
        return newCustomers;
    }

    /** Per order day, by status ordinal: the orders that reached it. */
    Map<LocalDate, long[]> reached() {
        return reached;
    }

    /** Per order day, by status ordinal: the orders in that status. */
    Map<LocalDate, long[]> statuses() {
        return statuses;
    }

    /** Per order day and duration bucket: the orders whose status event came that long after placement. */
    Map<LocalDate, Map<Integer, long[]>> toStatus() {
        return toStatus;
    }
}
