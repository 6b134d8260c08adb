package io.orderlens.analytics.internal;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.Scan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The aggregates that hold rows of one customer, in one list: erasure walks it to move a customer's rows to a
 * pseudonym and delete the originals. An aggregate keyed or partitioned by customer is added here, and erasure
 * covers it. Stateless and thread-safe.
 *
 * @param <T> the row type
 */
final class CustomerRows<T extends Counters> {
    /** Every per-customer aggregate. */
    static final List<CustomerRows<?>> ALL = List.of(
            new CustomerRows<>(
                    Aggregate.CUSTOMERS,
                    CustomerCounters::customerId,
                    (c, to) -> new CustomerCounters(
                            to,
                            c.orders(),
                            c.spent(),
                            c.items(),
                            c.firstOrderAt(),
                            c.lastOrderAt(),
                            c.firstOrderDay(),
                            null,
                            null,
                            c.hours()),
                    CustomerCounters::negate,
                    (store, ctx) -> store.read(Aggregate.CUSTOMERS, List.of(ctx.customerId()))
                            .keySet()),
            new CustomerRows<>(
                    Aggregate.CUSTOMER_PRODUCTS,
                    CustomerProductCounters::customerId,
                    (c, to) -> new CustomerProductCounters(
                            to,
                            c.productId(),
                            c.name(),
                            c.category(),
                            c.units(),
                            c.spend(),
                            c.orders(),
                            c.lastOrderedAt()),
                    CustomerProductCounters::negate,
                    (store, ctx) -> partitionKeys(store, Aggregate.CUSTOMER_PRODUCTS, ctx.customerId())),
            new CustomerRows<>(
                    Aggregate.CUSTOMER_CATEGORIES,
                    CustomerCategoryCounters::customerId,
                    (c, to) -> new CustomerCategoryCounters(to, c.category(), c.orders(), c.units(), c.spend()),
                    CustomerCategoryCounters::negate,
                    (store, ctx) -> partitionKeys(store, Aggregate.CUSTOMER_CATEGORIES, ctx.customerId())),
            new CustomerRows<>(
                    Aggregate.EXPERIMENT_CUSTOMERS,
                    ExperimentCustomerCounters::customerId,
                    (c, to) -> new ExperimentCustomerCounters(
                            c.experiment(), to, c.variation(), c.exposed(), c.multiple(), c.orders(), c.netRevenue()),
                    c -> new ExperimentCustomerCounters(
                            c.experiment(),
                            c.customerId(),
                            null,
                            -c.exposed(),
                            -c.multiple(),
                            -c.orders(),
                            -c.netRevenue()),
                    (store, ctx) -> store.read(
                                    Aggregate.EXPERIMENT_CUSTOMERS,
                                    ctx.experiments().stream()
                                            .map(e -> Aggregate.customerItemKey(e, ctx.customerId()))
                                            .toList())
                            .keySet()),
            new CustomerRows<>(
                    Aggregate.CUSTOMER_DAYS,
                    CustomerDayCounters::customerId,
                    (c, to) -> new CustomerDayCounters(to, c.date(), c.placed(), c.orders(), c.netRevenue()),
                    CustomerDayCounters::negate,
                    (store, ctx) -> partitionKeys(store, Aggregate.CUSTOMER_DAYS, ctx.customerId())));

    /** What finding a customer's rows needs: the id and the defined experiments. */
    record Context(String customerId, Collection<String> experiments) {}

    private final Aggregate<T> aggregate;
    private final Function<T, String> customerOf;
    private final BiFunction<T, String, T> withCustomer;
    private final Function<T, T> negate;
    private final BiFunction<AnalyticsStore, Context, Collection<String>> storedKeys;

    private CustomerRows(
            Aggregate<T> aggregate,
            Function<T, String> customerOf,
            BiFunction<T, String, T> withCustomer,
            Function<T, T> negate,
            BiFunction<AnalyticsStore, Context, Collection<String>> storedKeys) {
        this.aggregate = aggregate;
        this.customerOf = customerOf;
        this.withCustomer = withCustomer;
        this.negate = negate;
        this.storedKeys = storedKeys;
    }

    Aggregate<T> aggregate() {
        return aggregate;
    }

    /** The keys of the customer's rows in the store's aggregates and in {@code baseline}. */
    Set<String> keys(AnalyticsStore store, Context ctx, Delta baseline) {
        Set<String> keys = new LinkedHashSet<>(storedKeys.apply(store, ctx));
        for (T row : rowsOf(baseline, ctx.customerId())) {
            keys.add(aggregate.keyOf(row));
        }
        return keys;
    }

    /**
     * Adds to {@code move} what moves the customer's rows of {@code from} to {@code pseudonym}: each row's counts
     * subtracted (instants stay, as reversals leave them) and the row added under the pseudonym.
     */
    void addMove(Delta from, String customerId, String pseudonym, CounterSink move) {
        for (T row : rowsOf(from, customerId)) {
            negate.apply(row).addTo(move);
            withCustomer.apply(row, pseudonym).addTo(move);
        }
    }

    private List<T> rowsOf(Delta d, String customerId) {
        List<T> rows = new ArrayList<>();
        d.forEach(CounterSink.each(row -> {
            if (aggregate.type().isInstance(row)) {
                T typed = aggregate.type().cast(row);
                if (customerOf.apply(typed).equals(customerId)) {
                    rows.add(typed);
                }
            }
        }));
        return rows;
    }

    private static <R extends Counters> Collection<String> partitionKeys(
            AnalyticsStore store, Aggregate<R> aggregate, String customerId) {
        List<String> keys = new ArrayList<>();
        store.scan(aggregate, Scan.partition(customerId), row -> keys.add(aggregate.keyOf(row)));
        return keys;
    }
}
