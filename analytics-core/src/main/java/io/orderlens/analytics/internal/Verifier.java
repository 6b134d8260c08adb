package io.orderlens.analytics.internal;

import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Recomputes every aggregate from the baseline of compacted entries plus the ledger, and compares it with what the
 * store holds. Labels (product names,
 * categories on product rows, customer zones) are not compared: they are last-writer-wins and carry no sums.
 */
public final class Verifier {
    private Verifier() {}

    /**
     * The aggregates as the ledger defines them, the number of ledger entries they were computed from, and the
     * customers' entries ({@link LedgerEntry#ofCustomer}) the ledger holds, by key.
     */
    public record Recomputed(Delta aggregates, long ledgerEntries, Map<String, LedgerEntry> customerEntries) {}

    /**
     * Reads the baseline (the contributions of compacted entries) and the whole ledger once, sums the baseline and
     * the contributions of the entries, and counts each customer as new on their {@code firstOrderDay} (zero rows
     * dropped afterwards: a customer whose orders no longer count is still new on that day).
     */
    public static Recomputed recompute(AnalyticsStore store) {
        Delta d = store.baseline();
        long[] entries = {0};
        Map<String, LedgerEntry> customerEntries = new HashMap<>();
        store.forEachLedgerEntry(e -> {
            Contributions.addTo(d, e, 1);
            if (e.isCustomer()) {
                customerEntries.put(e.key(), e);
            }
            entries[0]++;
        });
        List<DayCounters> fresh = new ArrayList<>();
        for (CustomerCounters c : d.customers().values()) {
            if (c.firstOrderDay() != null) {
                fresh.add(DayCounters.newCustomers(c.firstOrderDay(), 1));
            }
        }
        fresh.forEach(d::add);
        return new Recomputed(d.withoutZeros(), entries[0], customerEntries);
    }

    /**
     * The changes that make the customers' entries agree with {@code recomputed}: each customer with a first order
     * day gets an entry holding it; an entry whose customer has none is emptied. They carry no effect (the
     * recomputed day rows already count the customers).
     */
    public static List<LedgerChange> customerEntryRepairs(Recomputed recomputed, Instant at) {
        Map<String, LocalDate> expected = new HashMap<>();
        for (CustomerCounters c : recomputed.aggregates().customers().values()) {
            if (c.firstOrderDay() != null) {
                expected.put(c.customerId(), c.firstOrderDay());
            }
        }
        List<LedgerChange> repairs = new ArrayList<>();
        expected.forEach((customer, day) -> {
            LedgerEntry stored = recomputed.customerEntries().get(LedgerEntry.customerKey(customer));
            if (stored == null || !day.equals(stored.orderDay())) {
                repairs.add(repair(stored, customer, day, at));
            }
        });
        recomputed.customerEntries().forEach((key, stored) -> {
            String customer = key.substring(LedgerEntry.CUSTOMER_PREFIX.length());
            if (stored.orderDay() != null && !expected.containsKey(customer)) {
                repairs.add(repair(stored, customer, null, at));
            }
        });
        return repairs;
    }

    /** Changes in batches of this many the customers' entries a rebuild repairs. */
    private static final int REPAIR_BATCH = 500;

    /**
     * Applies {@link #customerEntryRepairs} through {@code engine}, in batches; an entry that changed concurrently is
     * left as it is (a rebuild expects no concurrent writers).
     */
    public static void repairCustomerEntries(Engine engine, Recomputed recomputed, Instant at) {
        List<LedgerChange> repairs = customerEntryRepairs(recomputed, at);
        for (int from = 0; from < repairs.size(); from += REPAIR_BATCH) {
            engine.applyChanges(repairs.subList(from, Math.min(repairs.size(), from + REPAIR_BATCH)));
        }
    }

    private static LedgerChange repair(LedgerEntry stored, String customer, LocalDate day, Instant at) {
        long version = stored == null ? 1 : stored.version() + 1;
        return new LedgerChange(stored, LedgerEntry.ofCustomer(customer, version, day, at), Effect.NONE);
    }

    public static DriftReport verify(AnalyticsStore store) {
        Recomputed recomputed = recompute(store);
        return drift(store, recomputed.aggregates(), recomputed.ledgerEntries());
    }

    /** The differences between {@code expected} (recomputed from {@code entries} ledger entries) and the store. */
    public static DriftReport drift(AnalyticsStore store, Delta expected, long entries) {
        Delta actual = store.snapshot().withoutZeros();
        List<DriftReport.Drift> drifts = new ArrayList<>();
        compare(Aggregate.PRODUCTS, expected.products(), actual.products(), Verifier::unlabel, drifts);
        compare(Aggregate.CUSTOMERS, expected.customers(), actual.customers(), Verifier::unlabel, drifts);
        compare(
                Aggregate.CUSTOMER_PRODUCTS,
                expected.customerProducts(),
                actual.customerProducts(),
                Verifier::unlabel,
                drifts);
        compare(
                Aggregate.CUSTOMER_CATEGORIES,
                expected.customerCategories(),
                actual.customerCategories(),
                UnaryOperator.identity(),
                drifts);
        compare(Aggregate.CATEGORIES, expected.categories(), actual.categories(), UnaryOperator.identity(), drifts);
        compare(Aggregate.DAYS, expected.days(), actual.days(), UnaryOperator.identity(), drifts);
        compare(
                Aggregate.DAY_COUNTRIES,
                expected.dayCountries(),
                actual.dayCountries(),
                UnaryOperator.identity(),
                drifts);
        compare(
                Aggregate.EXPERIMENT_CUSTOMERS,
                expected.experimentCustomers(),
                actual.experimentCustomers(),
                UnaryOperator.identity(),
                drifts);
        compare(Aggregate.ORDER_FUNNEL, expected.funnelDays(), actual.funnelDays(), UnaryOperator.identity(), drifts);
        compare(
                Aggregate.CUSTOMER_DAYS,
                expected.customerDays(),
                actual.customerDays(),
                UnaryOperator.identity(),
                drifts);
        compare(
                Aggregate.EXPERIMENT_VARIATIONS,
                expected.experimentVariations(),
                actual.experimentVariations(),
                UnaryOperator.identity(),
                drifts);
        compare(
                Aggregate.DAY_CATEGORIES,
                expected.dayCategories(),
                actual.dayCategories(),
                UnaryOperator.identity(),
                drifts);
        return new DriftReport(entries, drifts);
    }

    private static <K, V> void compare(
            Aggregate<?> kind,
            Map<K, V> expected,
            Map<K, V> actual,
            UnaryOperator<V> norm,
            List<DriftReport.Drift> out) {
        Set<K> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        TreeSet<String> sorted = new TreeSet<>();
        Map<String, K> byName = new java.util.HashMap<>();
        for (K k : keys) {
            sorted.add(k.toString());
            byName.put(k.toString(), k);
        }
        for (String name : sorted) {
            K k = byName.get(name);
            V e = expected.get(k);
            V a = actual.get(k);
            V ne = e == null ? null : norm.apply(e);
            V na = a == null ? null : norm.apply(a);
            if (!Objects.equals(ne, na)) {
                out.add(new DriftReport.Drift(kind.name(), name, Objects.toString(e, null), Objects.toString(a, null)));
            }
        }
    }

    private static ProductCounters unlabel(ProductCounters c) {
        return new ProductCounters(
                c.productId(), null, null, c.units(), c.revenue(), c.orders(), c.firstSoldAt(), c.lastSoldAt());
    }

    private static CustomerCounters unlabel(CustomerCounters c) {
        return new CustomerCounters(
                c.customerId(),
                c.orders(),
                c.spent(),
                c.items(),
                c.firstOrderAt(),
                c.lastOrderAt(),
                c.firstOrderDay(),
                c.accountCreatedAt(),
                null,
                c.hours());
    }

    private static CustomerProductCounters unlabel(CustomerProductCounters c) {
        return new CustomerProductCounters(
                c.customerId(), c.productId(), null, null, c.units(), c.spend(), c.orders(), c.lastOrderedAt());
    }
}
