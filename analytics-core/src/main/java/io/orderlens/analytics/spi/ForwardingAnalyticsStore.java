package io.orderlens.analytics.spi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that forwards every call to another store. Extend it to decorate a store (count calls, add latency
 * metrics, inject faults in tests) by overriding only the calls of interest. Thread-safe if the delegate is and the
 * overrides are.
 */
public abstract class ForwardingAnalyticsStore implements AnalyticsStore {
    private final AnalyticsStore delegate;

    protected ForwardingAnalyticsStore(AnalyticsStore delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("delegate store must not be null");
        }
        this.delegate = delegate;
    }

    /** The store calls are forwarded to. */
    protected AnalyticsStore delegate() {
        return delegate;
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        return delegate.ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
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
    public Map<String, ProductCounters> products(Collection<String> productIds) {
        return delegate.products(productIds);
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
    public Map<String, CustomerCounters> customers(Collection<String> customerIds) {
        return delegate.customers(customerIds);
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
