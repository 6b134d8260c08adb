package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.ProductRanking;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The embedded default store: everything in the JVM heap, nothing persisted. Thread-safe (one read-write lock: a
 * batch is applied atomically, reads see whole batches). Remembers the ids of the last {@value #REMEMBERED_BATCHES}
 * batches so a replayed batch is a no-op.
 */
public final class InMemoryAnalyticsStore implements AnalyticsStore {
    static final int REMEMBERED_BATCHES = 10_000;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, LedgerEntry> ledger = new HashMap<>();
    private final Map<String, ApplyResult> appliedBatches = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ApplyResult> eldest) {
            return size() > REMEMBERED_BATCHES;
        }
    };

    private final Map<String, ProductCounters> products = new HashMap<>();
    private final Map<String, CustomerCounters> customers = new HashMap<>();
    private final Map<String, Map<String, CustomerProductCounters>> customerProducts = new HashMap<>();
    private final Map<String, Map<String, CustomerCategoryCounters>> customerCategories = new HashMap<>();
    private final Map<String, CategoryCounters> categories = new HashMap<>();
    private final TreeMap<LocalDate, DayCounters> days = new TreeMap<>();
    private final TreeMap<LocalDate, Map<String, DayCountryCounters>> dayCountries = new TreeMap<>();
    private final TreeMap<LocalDate, Long> newCustomersByDay = new TreeMap<>();
    private final Aggregates sink = new Aggregates();

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        lock.readLock().lock();
        try {
            Map<String, LedgerEntry> out = new HashMap<>();
            for (String k : keys) {
                LedgerEntry e = ledger.get(k);
                if (e != null) {
                    out.put(k, e);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        lock.writeLock().lock();
        try {
            ApplyResult previous = appliedBatches.get(batch.batchId());
            if (previous != null) {
                return previous;
            }
            Set<String> conflicts = new HashSet<>();
            for (LedgerChange c : batch.changes()) {
                LedgerEntry stored = ledger.get(c.key());
                long version = stored == null ? 0 : stored.version();
                if (version != c.expectedVersion()) {
                    conflicts.add(c.key());
                }
            }
            for (LedgerChange c : batch.changes()) {
                if (!conflicts.contains(c.key())) {
                    ledger.put(c.key(), c.after());
                }
            }
            batch.addTo(sink, conflicts);
            ApplyResult result = conflicts.isEmpty() ? ApplyResult.ALL_APPLIED : new ApplyResult(conflicts);
            appliedBatches.put(batch.batchId(), result);
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void merge(Delta d) {
        d.products().values().forEach(sink::add);
        d.customers().values().forEach(sink::add);
        d.customerProducts().values().forEach(sink::add);
        d.customerCategories().values().forEach(sink::add);
        d.categories().values().forEach(sink::add);
        d.days().values().forEach(sink::add);
        d.dayCountries().values().forEach(sink::add);
    }

    /** Folds increments straight into the aggregates. Used under the write lock only. */
    private final class Aggregates implements CounterSink {
        // the last customer's per-customer maps: the lines of one order all belong to one customer
        private String productsOf;
        private Map<String, CustomerProductCounters> productsOfMap;
        private String categoriesOf;
        private Map<String, CustomerCategoryCounters> categoriesOfMap;

        @Override
        public Aggregates add(ProductCounters c) {
            products.merge(c.productId(), c, ProductCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CustomerCounters c) {
            CustomerCounters old = customers.get(c.customerId());
            CustomerCounters now = old == null ? c : old.plus(c);
            customers.put(c.customerId(), now);
            LocalDate before = old == null ? null : old.firstOrderDay();
            if (!java.util.Objects.equals(before, now.firstOrderDay())) {
                if (before != null) {
                    newCustomersByDay.merge(before, -1L, Long::sum);
                    newCustomersByDay.remove(before, 0L);
                }
                if (now.firstOrderDay() != null) {
                    newCustomersByDay.merge(now.firstOrderDay(), 1L, Long::sum);
                }
            }
            return this;
        }

        @Override
        public Aggregates add(CustomerProductCounters c) {
            if (!c.customerId().equals(productsOf)) {
                productsOf = c.customerId();
                productsOfMap = customerProducts.computeIfAbsent(c.customerId(), k -> new HashMap<>());
            }
            productsOfMap.merge(c.productId(), c, CustomerProductCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CustomerCategoryCounters c) {
            if (!c.customerId().equals(categoriesOf)) {
                categoriesOf = c.customerId();
                categoriesOfMap = customerCategories.computeIfAbsent(c.customerId(), k -> new HashMap<>());
            }
            categoriesOfMap.merge(c.category(), c, CustomerCategoryCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CategoryCounters c) {
            categories.merge(c.category(), c, CategoryCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(DayCounters c) {
            days.merge(c.date(), c, DayCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(DayCountryCounters c) {
            dayCountries.computeIfAbsent(c.date(), k -> new TreeMap<>()).merge(c.country(), c,
                    DayCountryCounters::plus);
            return this;
        }

        /** Forgets the cached per-customer maps (they may be replaced). */
        void reset() {
            productsOf = null;
            productsOfMap = null;
            categoriesOf = null;
            categoriesOfMap = null;
        }
    }

    @Override
    public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
        List<LedgerEntry> copy;
        lock.readLock().lock();
        try {
            copy = new ArrayList<>(ledger.values());
        } finally {
            lock.readLock().unlock();
        }
        copy.forEach(visitor);
    }

    @Override
    public Optional<ProductCounters> product(String productId) {
        return read(() -> Optional.ofNullable(products.get(productId)));
    }

    @Override
    public Map<String, ProductCounters> products(Collection<String> productIds) {
        return read(() -> pick(products, productIds));
    }

    /** The entries of {@code map} under {@code keys}. */
    private static <V> Map<String, V> pick(Map<String, V> map, Collection<String> keys) {
        Map<String, V> out = new HashMap<>();
        for (String k : keys) {
            V v = map.get(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    @Override
    public List<ProductCounters> topProducts(ProductRanking ranking, int limit) {
        Comparator<ProductCounters> metric = ranking == ProductRanking.UNITS
                ? Comparator.comparingLong(ProductCounters::units)
                : Comparator.comparingLong(ProductCounters::revenue);
        return read(() -> top(products.values(), metric.reversed().thenComparing(ProductCounters::productId),
                limit));
    }

    @Override
    public Optional<CustomerCounters> customer(String customerId) {
        return read(() -> Optional.ofNullable(customers.get(customerId)));
    }

    @Override
    public Map<String, CustomerCounters> customers(Collection<String> customerIds) {
        return read(() -> pick(customers, customerIds));
    }

    @Override
    public List<CustomerCounters> topCustomers(int limit) {
        return read(() -> top(customers.values(), Comparator.comparingLong(CustomerCounters::spent).reversed()
                .thenComparing(CustomerCounters::customerId), limit));
    }

    @Override
    public List<CustomerProductCounters> customerProducts(String customerId, int limit) {
        return read(() -> top(customerProducts.getOrDefault(customerId, Map.of()).values(),
                Comparator.comparingLong(CustomerProductCounters::units).reversed()
                        .thenComparing(Comparator.comparingLong(CustomerProductCounters::spend).reversed())
                        .thenComparing(CustomerProductCounters::productId),
                limit));
    }

    @Override
    public List<CustomerCategoryCounters> customerCategories(String customerId, int limit) {
        return read(() -> top(customerCategories.getOrDefault(customerId, Map.of()).values(),
                Comparator.comparingLong(CustomerCategoryCounters::orders).reversed()
                        .thenComparing(Comparator.comparingLong(CustomerCategoryCounters::spend).reversed())
                        .thenComparing(CustomerCategoryCounters::category),
                limit));
    }

    @Override
    public Optional<CategoryCounters> category(String category) {
        return read(() -> Optional.ofNullable(categories.get(category)));
    }

    @Override
    public List<CategoryCounters> topCategories(int limit) {
        return read(() -> top(categories.values(), Comparator.comparingLong(CategoryCounters::revenue).reversed()
                .thenComparing(CategoryCounters::category), limit));
    }

    @Override
    public List<DayCounters> days(LocalDate from, LocalDate to) {
        return read(() -> new ArrayList<>(days.subMap(from, true, to, true).values()));
    }

    @Override
    public List<DayCountryCounters> dayCountries(LocalDate from, LocalDate to) {
        return read(() -> {
            List<DayCountryCounters> out = new ArrayList<>();
            dayCountries.subMap(from, true, to, true).values().forEach(m -> out.addAll(m.values()));
            return out;
        });
    }

    @Override
    public Map<LocalDate, Long> newCustomers(LocalDate from, LocalDate to) {
        return read(() -> new TreeMap<>(newCustomersByDay.subMap(from, true, to, true)));
    }

    @Override
    public Delta snapshot() {
        return read(() -> {
            Delta d = new Delta();
            products.values().forEach(d::add);
            customers.values().forEach(d::add);
            customerProducts.values().forEach(m -> m.values().forEach(d::add));
            customerCategories.values().forEach(m -> m.values().forEach(d::add));
            categories.values().forEach(d::add);
            days.values().forEach(d::add);
            dayCountries.values().forEach(m -> m.values().forEach(d::add));
            return d;
        });
    }

    @Override
    public void replaceAggregates(Delta aggregates) {
        lock.writeLock().lock();
        try {
            products.clear();
            customers.clear();
            customerProducts.clear();
            customerCategories.clear();
            categories.clear();
            days.clear();
            dayCountries.clear();
            newCustomersByDay.clear();
            sink.reset();
            merge(aggregates);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static <T> List<T> top(Collection<T> values, Comparator<T> order, int limit) {
        return values.stream().sorted(order).limit(limit).toList();
    }
}
