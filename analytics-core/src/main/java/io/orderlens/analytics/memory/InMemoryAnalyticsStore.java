package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

    private final Table<ProductCounters> products = new Table<>(Aggregate.PRODUCTS);
    private final Table<CustomerCounters> customers = new Table<>(Aggregate.CUSTOMERS);
    private final Table<CustomerProductCounters> customerProducts = new Table<>(Aggregate.CUSTOMER_PRODUCTS);
    private final Table<CustomerCategoryCounters> customerCategories = new Table<>(Aggregate.CUSTOMER_CATEGORIES);
    private final Table<CategoryCounters> categories = new Table<>(Aggregate.CATEGORIES);
    private final Table<DayCounters> days = new Table<>(Aggregate.DAYS);
    private final Table<DayCountryCounters> dayCountries = new Table<>(Aggregate.DAY_COUNTRIES);
    private final Map<Aggregate<?>, Table<?>> tables = Map.of(Aggregate.PRODUCTS, products, Aggregate.CUSTOMERS,
            customers, Aggregate.CUSTOMER_PRODUCTS, customerProducts, Aggregate.CUSTOMER_CATEGORIES,
            customerCategories, Aggregate.CATEGORIES, categories, Aggregate.DAYS, days, Aggregate.DAY_COUNTRIES,
            dayCountries);
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

    /** Folds increments straight into the aggregates. Used under the write lock only. */
    private final class Aggregates implements CounterSink {
        @Override
        public Aggregates add(ProductCounters c) {
            products.merge(c, ProductCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CustomerCounters c) {
            CustomerCounters old = customers.row(c.customerId());
            CustomerCounters now = customers.merge(c, CustomerCounters::plus);
            LocalDate before = old == null ? null : old.firstOrderDay();
            if (!Objects.equals(before, now.firstOrderDay())) {
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
            customerProducts.merge(c, CustomerProductCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CustomerCategoryCounters c) {
            customerCategories.merge(c, CustomerCategoryCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(CategoryCounters c) {
            categories.merge(c, CategoryCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(DayCounters c) {
            days.merge(c, DayCounters::plus);
            return this;
        }

        @Override
        public Aggregates add(DayCountryCounters c) {
            dayCountries.merge(c, DayCountryCounters::plus);
            return this;
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
    public <T extends Counters> Map<String, T> read(Aggregate<T> aggregate, Collection<String> keys) {
        Table<T> table = table(aggregate);
        return read(() -> {
            Map<String, T> out = new HashMap<>();
            for (String k : keys) {
                T row = table.row(k);
                if (row != null) {
                    out.put(k, row);
                }
            }
            return out;
        });
    }

    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        Table<T> table = table(aggregate);
        aggregate.check(scan);
        lock.readLock().lock();
        try {
            table.scan(scan, visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<LocalDate, Long> newCustomers(LocalDate from, LocalDate to) {
        return read(() -> new TreeMap<>(newCustomersByDay.subMap(from, true, to, true)));
    }

    @Override
    public void replaceAggregates(Delta aggregates) {
        lock.writeLock().lock();
        try {
            tables.values().forEach(Table::clear);
            newCustomersByDay.clear();
            aggregates.forEach(sink);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Counters> Table<T> table(Aggregate<T> aggregate) {
        Table<T> table = (Table<T>) tables.get(aggregate);
        if (table == null) {
            throw new IllegalArgumentException("unknown aggregate " + aggregate);
        }
        return table;
    }
}
