package io.orderlens.analytics.internal;

import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.util.ArrayList;
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

    /** The aggregates as the ledger defines them, and the number of ledger entries they were computed from. */
    public record Recomputed(Delta aggregates, long ledgerEntries) {}

    /**
     * Reads the baseline (the contributions of compacted entries) and the whole ledger once, and sums the baseline
     * and the contributions of the entries (zero rows dropped).
     */
    public static Recomputed recompute(AnalyticsStore store) {
        Delta d = store.baseline();
        long[] entries = {0};
        store.forEachLedgerEntry(e -> {
            Contributions.addTo(d, e, 1);
            entries[0]++;
        });
        return new Recomputed(d.withoutZeros(), entries[0]);
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
