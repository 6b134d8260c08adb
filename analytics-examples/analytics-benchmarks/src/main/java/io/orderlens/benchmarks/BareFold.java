package io.orderlens.benchmarks;

import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference point for the in-memory replay (the target is measured against it): the sales increments of
 * the library's first aggregates, done by hand in plain {@link HashMap}s with money as {@code long} units, with none of the library's guarantees (no ledger, no
 * idempotency, no lifecycle, no validation beyond what parsing did). Per line: product, category, customer × product
 * and customer × category units and money; per order: customer orders, spend and local-hour histogram, business-zone
 * day orders and revenue, country revenue. Standalone refunds subtract their lines. The library keeps more counters
 * than these; {@link FullFold} adds them. Not thread-safe.
 */
final class BareFold {
    private static final int UNITS = 0;
    private static final int REVENUE = 1;
    private static final int ORDERS = 0;
    private static final int SPEND = 1;
    private static final int DAY_ORDERS = 0;
    private static final int DAY_REVENUE = 1;
    private static final int DAY_REFUNDED = 2;

    private final ZoneId zone;
    private final Map<String, long[]> products = new HashMap<>();
    private final Map<String, long[]> customers = new HashMap<>();
    private final Map<LocalDate, long[]> days = new HashMap<>();
    private final Map<String, long[]> countries = new HashMap<>();
    private final Map<String, long[]> categories = new HashMap<>();
    private final Map<String, Map<String, long[]>> customerProducts = new HashMap<>();
    private final Map<String, Map<String, long[]>> customerCategories = new HashMap<>();

    BareFold(ZoneId zone) {
        this.zone = zone;
    }

    /** Folds every event; returns the net revenue over all days in money units (a checksum of the work done). */
    static long fold(List<OrderEvent> events, ZoneId zone) {
        BareFold f = new BareFold(zone);
        for (OrderEvent e : events) {
            f.add(e);
        }
        return f.netRevenueUnits();
    }

    void add(OrderEvent e) {
        if (e.type() == EventType.REFUNDED) {
            addRefund(e.refund());
        } else if (e.order() != null) {
            addOrder(e.order());
        }
    }

    private void addOrder(Order order) {
        Map<String, long[]> cps = customerProducts.computeIfAbsent(order.customerId(), k -> new HashMap<>());
        Map<String, long[]> ccs = customerCategories.computeIfAbsent(order.customerId(), k -> new HashMap<>());
        long total = 0;
        for (LineItem line : order.lines()) {
            long amount = MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity());
            long[] p = products.computeIfAbsent(line.productId(), k -> new long[2]);
            p[UNITS] += line.quantity();
            p[REVENUE] += amount;
            long[] cat = categories.computeIfAbsent(line.category(), k -> new long[2]);
            cat[UNITS] += line.quantity();
            cat[REVENUE] += amount;
            long[] cp = cps.computeIfAbsent(line.productId(), k -> new long[2]);
            cp[UNITS] += line.quantity();
            cp[REVENUE] += amount;
            long[] cc = ccs.computeIfAbsent(line.category(), k -> new long[2]);
            cc[UNITS] += line.quantity();
            cc[REVENUE] += amount;
            total += amount;
        }
        long[] c = customers.computeIfAbsent(order.customerId(), k -> new long[2 + 24]);
        c[ORDERS]++;
        c[SPEND] += total;
        c[2 + order.placedAt().atZone(zone).getHour()]++;
        long[] d = days.computeIfAbsent(order.placedAt().atZone(zone).toLocalDate(), k -> new long[3]);
        d[DAY_ORDERS]++;
        d[DAY_REVENUE] += total;
        countries.computeIfAbsent(order.country(), k -> new long[1])[0] += total;
    }

    private void addRefund(Refund refund) {
        Map<String, long[]> cps = customerProducts.computeIfAbsent(refund.customerId(), k -> new HashMap<>());
        Map<String, long[]> ccs = customerCategories.computeIfAbsent(refund.customerId(), k -> new HashMap<>());
        long total = 0;
        for (RefundLine line : refund.lines()) {
            long amount = MoneyUnits.of(line.amount(), "amount");
            long[] p = products.computeIfAbsent(line.productId(), k -> new long[2]);
            p[UNITS] -= line.quantity();
            p[REVENUE] -= amount;
            long[] cp = cps.computeIfAbsent(line.productId(), k -> new long[2]);
            cp[UNITS] -= line.quantity();
            cp[REVENUE] -= amount;
            if (line.category() != null) {
                long[] cat = categories.computeIfAbsent(line.category(), k -> new long[2]);
                cat[UNITS] -= line.quantity();
                cat[REVENUE] -= amount;
                long[] cc = ccs.computeIfAbsent(line.category(), k -> new long[2]);
                cc[UNITS] -= line.quantity();
                cc[REVENUE] -= amount;
            }
            total += amount;
        }
        customers.computeIfAbsent(refund.customerId(), k -> new long[2 + 24])[SPEND] -= total;
        days.computeIfAbsent(refund.at().atZone(zone).toLocalDate(), k -> new long[3])[DAY_REFUNDED] += total;
        countries.computeIfAbsent(refund.country(), k -> new long[1])[0] -= total;
    }

    /** Gross revenue minus refunds over all days, in money units. */
    long netRevenueUnits() {
        long net = 0;
        for (long[] d : days.values()) {
            net += d[DAY_REVENUE] - d[DAY_REFUNDED];
        }
        return net;
    }
}
