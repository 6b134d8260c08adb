package io.orderlens.analytics.spi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the ledger and the aggregates live. The engine is the only writer; a host reads through the query API.
 *
 * <p><b>Contract</b> (checked by the abstract contract suite every implementation extends):
 * <ul>
 *   <li>{@link #apply} applies each change of a batch only if the stored ledger entry still has the change's expected
 *       version (compare-and-set), and then applies exactly the merged {@link LedgerChange#delta()} of the applied
 *       changes to the aggregates. A change that lost the race has no effect and is reported in
 *       {@link ApplyResult#conflicts()}.</li>
 *   <li>Applying the same batch again (same batch id, e.g. a retry after a timeout) changes nothing.</li>
 *   <li>A batch becomes one write per aggregate kind, whatever the number of orders in it.</li>
 *   <li>Top lists are sorted by their metric descending, ties by id ascending; ranges are inclusive.</li>
 *   <li>Implementations are thread-safe and translate their driver's failures into
 *       {@link io.orderlens.analytics.StoreException}.</li>
 * </ul>
 */
public interface AnalyticsStore extends AutoCloseable {

    // ----- ledger -----

    /** The stored ledger entries for {@code keys}; absent keys are missing from the map. */
    Map<String, LedgerEntry> ledger(Collection<String> keys);

    /** Applies a batch; see the class contract. */
    ApplyResult apply(StoreBatch batch);

    /** Visits every ledger entry (order of visit unspecified). Used by verify and rebuild. */
    void forEachLedgerEntry(Consumer<LedgerEntry> visitor);

    /**
     * Finishes batches that a crash left half-applied, if the store can have such batches; returns how many it
     * finished. Idempotent.
     */
    default int recover() {
        return 0;
    }

    // ----- aggregates -----

    Optional<ProductCounters> product(String productId);

    /**
     * The stored counters of each of {@code productIds}; unknown ids are missing from the map. A store reading over
     * a network should override this with one read per chunk of ids (the default reads them one by one).
     */
    default Map<String, ProductCounters> products(Collection<String> productIds) {
        Map<String, ProductCounters> out = new HashMap<>();
        for (String id : productIds) {
            product(id).ifPresent(c -> out.put(id, c));
        }
        return out;
    }

    List<ProductCounters> topProducts(ProductRanking ranking, int limit);

    Optional<CustomerCounters> customer(String customerId);

    /** As {@link #products(Collection)}, for customers. */
    default Map<String, CustomerCounters> customers(Collection<String> customerIds) {
        Map<String, CustomerCounters> out = new HashMap<>();
        for (String id : customerIds) {
            customer(id).ifPresent(c -> out.put(id, c));
        }
        return out;
    }

    /** Customers by net spend, descending. */
    List<CustomerCounters> topCustomers(int limit);

    /** One customer's products by net units, descending (ties: spend descending, then product id). */
    List<CustomerProductCounters> customerProducts(String customerId, int limit);

    /** One customer's categories by counted orders, descending (ties: spend descending, then category). */
    List<CustomerCategoryCounters> customerCategories(String customerId, int limit);

    Optional<CategoryCounters> category(String category);

    /** Categories by net revenue, descending. */
    List<CategoryCounters> topCategories(int limit);

    /** Stored days in {@code [from, to]}, ascending; days without activity are absent. */
    List<DayCounters> days(LocalDate from, LocalDate to);

    /** Stored day × country buckets in {@code [from, to]}, by date then country. */
    List<DayCountryCounters> dayCountries(LocalDate from, LocalDate to);

    /** Number of customers whose first counted order falls on each day of {@code [from, to]} (zero days absent). */
    Map<LocalDate, Long> newCustomers(LocalDate from, LocalDate to);

    /** Every aggregate as one snapshot (a delta from zero), for verify and export. */
    Delta snapshot();

    /** Replaces every aggregate with {@code aggregates} (rebuild). The ledger is untouched. */
    void replaceAggregates(Delta aggregates);

    /** Releases resources the store owns (not the ones handed to it). */
    @Override
    default void close() {}
}
