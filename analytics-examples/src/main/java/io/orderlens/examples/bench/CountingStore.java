package io.orderlens.examples.bench;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.ProductRanking;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Passes every call to another store and counts the calls of the write path ({@code ledger} reads and
 * {@code apply}), the in-memory counterpart of counting database commands. Thread-safe if the delegate is.
 */
final class CountingStore implements AnalyticsStore {
    private final AnalyticsStore delegate;
    private final LongAdder applies = new LongAdder();
    private final LongAdder ledgerReads = new LongAdder();

    CountingStore(AnalyticsStore delegate) {
        this.delegate = delegate;
    }

    /** {@code apply} calls so far. */
    long applies() {
        return applies.sum();
    }

    /** {@code ledger} reads so far. */
    long ledgerReads() {
        return ledgerReads.sum();
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        ledgerReads.increment();
        return delegate.ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        applies.increment();
        return delegate.apply(batch);
    }

    @Override
    public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
        delegate.forEachLedgerEntry(visitor);
    }

    @Override
    public int recover() {
        return delegate.recover();
    }

    @Override
    public Optional<ProductCounters> product(String productId) {
        return delegate.product(productId);
    }

    @Override
    public List<ProductCounters> topProducts(ProductRanking ranking, int limit) {
        return delegate.topProducts(ranking, limit);
    }

    @Override
    public Optional<CustomerCounters> customer(String customerId) {
        return delegate.customer(customerId);
    }

    @Override
    public List<CustomerCounters> topCustomers(int limit) {
        return delegate.topCustomers(limit);
    }

    @Override
    public List<CustomerProductCounters> customerProducts(String customerId, int limit) {
        return delegate.customerProducts(customerId, limit);
    }

    @Override
    public List<CustomerCategoryCounters> customerCategories(String customerId, int limit) {
        return delegate.customerCategories(customerId, limit);
    }

    @Override
    public Optional<CategoryCounters> category(String category) {
        return delegate.category(category);
    }

    @Override
    public List<CategoryCounters> topCategories(int limit) {
        return delegate.topCategories(limit);
    }

    @Override
    public List<DayCounters> days(LocalDate from, LocalDate to) {
        return delegate.days(from, to);
    }

    @Override
    public List<DayCountryCounters> dayCountries(LocalDate from, LocalDate to) {
        return delegate.dayCountries(from, to);
    }

    @Override
    public Map<LocalDate, Long> newCustomers(LocalDate from, LocalDate to) {
        return delegate.newCustomers(from, to);
    }

    @Override
    public Delta snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void replaceAggregates(Delta aggregates) {
        delegate.replaceAggregates(aggregates);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
