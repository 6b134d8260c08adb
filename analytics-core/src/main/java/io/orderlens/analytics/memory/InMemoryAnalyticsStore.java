package io.orderlens.analytics.memory;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The embedded default store: everything in the JVM heap, nothing persisted. Thread-safe (one read-write lock: a
 * batch is applied atomically, reads see whole batches). Remembers the ids of the last {@value #REMEMBERED_BATCHES}
 * batches so a replayed batch is a no-op. Rows are laid out for their scans: a customer's products and categories in
 * one small map per customer, days and day × country rows in date order. Each row is updated in place by the batches'
 * increments ({@link Accumulator}); reads hand out its immutable record, built on the first read after a change. Top-N over all products, customers or
 * categories re-ranks the last list of the same ranking and the rows written since when that is exact, else takes a
 * heap of {@code limit} rows over every row ({@link RankedLists}); other top-N is the SPI's bounded-heap default.
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

    private final Map<String, Accumulator.Product> products = new HashMap<>();
    private final Map<String, Accumulator.Customer> customers = new HashMap<>();
    private final Map<String, Map<String, Accumulator.CustomerProduct>> customerProducts = new HashMap<>();
    private final Map<String, Map<String, Accumulator.CustomerCategory>> customerCategories = new HashMap<>();
    private final Map<String, Accumulator.Category> categories = new HashMap<>();
    private final TreeMap<LocalDate, Accumulator.Day> days = new TreeMap<>();
    private final TreeMap<LocalDate, Map<String, Accumulator.DayCountry>> dayCountries = new TreeMap<>();
    private final Map<String, Map<String, Accumulator.Merged<ExperimentCustomerCounters>>> experimentCustomers =
            new HashMap<>();
    private final TreeMap<LocalDate, Accumulator.Funnel> funnelDays = new TreeMap<>();
    private final Map<String, Map<LocalDate, Accumulator.CustomerDay>> customerDays = new HashMap<>();
    private final Map<String, Map<Integer, Accumulator.Merged<ExperimentVariationCounters>>> experimentVariations =
            new HashMap<>();
    private final TreeMap<LocalDate, Map<String, Accumulator.DayCategory>> dayCategories = new TreeMap<>();
    private final RankedLists lists = new RankedLists();
    private final Aggregates sink = new Aggregates();
    /** The contributions of compacted entries; written under the write lock only. */
    private Delta baseline = new Delta();

    private final Map<Aggregate<?>, Rows<?>> rows = Map.ofEntries(
            Map.entry(Aggregate.PRODUCTS, Rows.byKey(products)),
            Map.entry(Aggregate.CUSTOMERS, Rows.byKey(customers)),
            Map.entry(Aggregate.CUSTOMER_PRODUCTS, Rows.byPartition(Aggregate.CUSTOMER_PRODUCTS, customerProducts)),
            Map.entry(
                    Aggregate.CUSTOMER_CATEGORIES, Rows.byPartition(Aggregate.CUSTOMER_CATEGORIES, customerCategories)),
            Map.entry(Aggregate.CATEGORIES, Rows.byKey(categories)),
            Map.entry(Aggregate.DAYS, Rows.byDate(Aggregate.DAYS, days, day -> Map.of("", day))),
            Map.entry(Aggregate.DAY_COUNTRIES, Rows.byDate(Aggregate.DAY_COUNTRIES, dayCountries, ofDay -> ofDay)),
            Map.entry(
                    Aggregate.EXPERIMENT_CUSTOMERS,
                    Rows.byPartition(Aggregate.EXPERIMENT_CUSTOMERS, experimentCustomers)),
            Map.entry(Aggregate.ORDER_FUNNEL, Rows.byDate(Aggregate.ORDER_FUNNEL, funnelDays, day -> Map.of("", day))),
            Map.entry(Aggregate.CUSTOMER_DAYS, Rows.byPartition(Aggregate.CUSTOMER_DAYS, customerDays)),
            Map.entry(
                    Aggregate.EXPERIMENT_VARIATIONS,
                    Rows.byPartition(Aggregate.EXPERIMENT_VARIATIONS, experimentVariations)),
            Map.entry(Aggregate.DAY_CATEGORIES, Rows.byDate(Aggregate.DAY_CATEGORIES, dayCategories, ofDay -> ofDay)));

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        return read(() -> pick(ledger::get, keys));
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
            boolean all = conflicts.isEmpty();
            for (LedgerChange c : batch.changes()) {
                if (all || !conflicts.contains(c.key())) {
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

    /** Removes the entries and adds their contributions to the baseline atomically, under the write lock. */
    @Override
    public ApplyResult compact(StoreBatch batch) {
        lock.writeLock().lock();
        try {
            ApplyResult previous = appliedBatches.get(batch.batchId());
            if (previous != null) {
                return previous;
            }
            Set<String> conflicts = new HashSet<>();
            for (LedgerChange c : batch.changes()) {
                LedgerEntry stored = ledger.get(c.key());
                if (stored == null || stored.version() != c.expectedVersion()) {
                    conflicts.add(c.key());
                }
            }
            for (LedgerChange c : batch.changes()) {
                if (!conflicts.contains(c.key())) {
                    ledger.remove(c.key());
                }
            }
            batch.addTo(baseline, conflicts);
            ApplyResult result = conflicts.isEmpty() ? ApplyResult.ALL_APPLIED : new ApplyResult(conflicts);
            appliedBatches.put(batch.batchId(), result);
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Delta baseline() {
        return read(() -> new Delta().addAll(baseline));
    }

    @Override
    public void deleteRows(Aggregate<?> aggregate, Collection<String> keys) {
        Set<String> doomed = Set.copyOf(keys);
        lock.writeLock().lock();
        try {
            for (String key : doomed) {
                removeRow(aggregate, key);
            }
            Delta kept = new Delta();
            baseline.forEach(new KeyFilter(kept, aggregate, doomed));
            baseline = kept;
            sink.reset();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the aggregate row {@code key} of {@code aggregate}, if any. Under the write lock. */
    private void removeRow(Aggregate<?> aggregate, String key) {
        if (aggregate == Aggregate.PRODUCTS) {
            products.remove(key);
        } else if (aggregate == Aggregate.CATEGORIES) {
            categories.remove(key);
        } else if (aggregate == Aggregate.CUSTOMERS) {
            customers.remove(key);
        } else if (aggregate == Aggregate.CUSTOMER_PRODUCTS) {
            removeFromPartition(Aggregate.CUSTOMER_PRODUCTS, customerProducts, key);
        } else if (aggregate == Aggregate.CUSTOMER_CATEGORIES) {
            removeFromPartition(Aggregate.CUSTOMER_CATEGORIES, customerCategories, key);
        } else if (aggregate == Aggregate.EXPERIMENT_CUSTOMERS) {
            removeFromPartition(Aggregate.EXPERIMENT_CUSTOMERS, experimentCustomers, key);
        } else if (aggregate == Aggregate.CUSTOMER_DAYS) {
            removeFromPartition(Aggregate.CUSTOMER_DAYS, customerDays, key);
        } else if (aggregate == Aggregate.EXPERIMENT_VARIATIONS) {
            removeFromPartition(Aggregate.EXPERIMENT_VARIATIONS, experimentVariations, key);
        } else if (aggregate == Aggregate.DAYS) {
            LocalDate day = Aggregate.DAYS.dateOfKey(key);
            if (day != null) {
                days.remove(day);
            }
        } else if (aggregate == Aggregate.DAY_COUNTRIES) {
            LocalDate day = Aggregate.DAY_COUNTRIES.dateOfKey(key);
            Map<String, Accumulator.DayCountry> ofDay = day == null ? null : dayCountries.get(day);
            if (ofDay != null) {
                ofDay.values()
                        .removeIf(
                                r -> Aggregate.DAY_COUNTRIES.keyOf(r.snapshot()).equals(key));
                if (ofDay.isEmpty()) {
                    dayCountries.remove(day);
                }
            }
        } else if (aggregate == Aggregate.DAY_CATEGORIES) {
            LocalDate day = Aggregate.DAY_CATEGORIES.dateOfKey(key);
            Map<String, Accumulator.DayCategory> ofDay = day == null ? null : dayCategories.get(day);
            if (ofDay != null) {
                ofDay.values()
                        .removeIf(r ->
                                Aggregate.DAY_CATEGORIES.keyOf(r.snapshot()).equals(key));
                if (ofDay.isEmpty()) {
                    dayCategories.remove(day);
                }
            }
        } else {
            throw new IllegalArgumentException("unknown aggregate " + aggregate);
        }
    }

    private static <T extends Counters> void removeFromPartition(
            Aggregate<T> aggregate, Map<String, ? extends Map<?, ? extends Accumulator<T>>> byPartition, String key) {
        String partition = aggregate.partitionOfKey(key);
        Map<?, ? extends Accumulator<T>> rowsOf = partition == null ? null : byPartition.get(partition);
        if (rowsOf != null) {
            rowsOf.values().removeIf(r -> aggregate.keyOf(r.snapshot()).equals(key));
            if (rowsOf.isEmpty()) {
                byPartition.remove(partition);
            }
        }
    }

    /** Passes on every row except those of one aggregate under the given keys. */
    private static final class KeyFilter implements CounterSink {
        private final CounterSink to;
        private final Aggregate<?> aggregate;
        private final Set<String> dropped;

        KeyFilter(CounterSink to, Aggregate<?> aggregate, Set<String> dropped) {
            this.to = to;
            this.aggregate = aggregate;
            this.dropped = dropped;
        }

        private <T extends Counters> boolean keep(Aggregate<T> kind, T row) {
            return kind != aggregate || !dropped.contains(kind.keyOf(row));
        }

        @Override
        public CounterSink add(ProductCounters c) {
            return keep(Aggregate.PRODUCTS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(CustomerCounters c) {
            return keep(Aggregate.CUSTOMERS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(CustomerProductCounters c) {
            return keep(Aggregate.CUSTOMER_PRODUCTS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(CustomerCategoryCounters c) {
            return keep(Aggregate.CUSTOMER_CATEGORIES, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(CategoryCounters c) {
            return keep(Aggregate.CATEGORIES, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(DayCounters c) {
            return keep(Aggregate.DAYS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(DayCountryCounters c) {
            return keep(Aggregate.DAY_COUNTRIES, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(ExperimentCustomerCounters c) {
            return keep(Aggregate.EXPERIMENT_CUSTOMERS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(CustomerDayCounters c) {
            return keep(Aggregate.CUSTOMER_DAYS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(ExperimentVariationCounters c) {
            return keep(Aggregate.EXPERIMENT_VARIATIONS, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(FunnelCounters c) {
            return keep(Aggregate.ORDER_FUNNEL, c) ? to.add(c) : this;
        }

        @Override
        public CounterSink add(DayCategoryCounters c) {
            return keep(Aggregate.DAY_CATEGORIES, c) ? to.add(c) : this;
        }
    }

    @Override
    public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
        List<LedgerEntry> copy = read(() -> new ArrayList<>(ledger.values()));
        copy.forEach(visitor);
    }

    @Override
    public <T extends Counters> Map<String, T> read(Aggregate<T> aggregate, Collection<String> keys) {
        Rows<T> table = rows(aggregate);
        return read(() -> pick(table::get, keys));
    }

    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        Rows<T> table = rows(aggregate);
        aggregate.check(scan);
        lock.readLock().lock();
        try {
            table.scan(scan, visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Over every product, customer or category row and {@code limit} ≤ {@value RankedLists#MAX_LIMIT}: see
     * {@link RankedLists}; otherwise the SPI's bounded heap. Returns an unmodifiable list.
     */
    @Override
    public <T extends Counters> List<T> top(Ranking<T> ranking, Scan scan, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        Aggregate<T> aggregate = ranking.aggregate();
        aggregate.check(scan);
        if (!(scan instanceof Scan.All) || !lists.keeps(aggregate, limit)) {
            return AnalyticsStore.super.top(ranking, scan, limit);
        }
        Rows<T> table = rows(aggregate);
        return read(() -> lists.top(ranking, limit, table::get, visitor -> table.scan(scan, visitor)));
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
            experimentCustomers.clear();
            funnelDays.clear();
            customerDays.clear();
            experimentVariations.clear();
            dayCategories.clear();
            lists.clear();
            sink.reset();
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

    private static <T> Map<String, T> pick(Function<String, T> get, Collection<String> keys) {
        Map<String, T> out = new HashMap<>();
        for (String k : keys) {
            T v = get.apply(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T extends Counters> Rows<T> rows(Aggregate<T> aggregate) {
        Rows<T> table = (Rows<T>) rows.get(aggregate);
        if (table == null) {
            throw new IllegalArgumentException("unknown aggregate " + aggregate);
        }
        return table;
    }

    /**
     * A map of one customer's rows, at the default capacity: a returning customer's map would otherwise be rehashed
     * several times while it grows.
     */
    private static <K, V> Map<K, V> newCustomerMap() {
        return new HashMap<>();
    }

    /**
     * Folds increments straight into the rows, in place, with one typed call per kind (the write path stays
     * monomorphic). Used under the write lock only.
     */
    private final class Aggregates implements CounterSink {
        // the last customer's per-customer maps: the lines of one order all belong to one customer
        private String productsOf;
        private Map<String, Accumulator.CustomerProduct> productsOfMap;
        private String categoriesOf;
        private Map<String, Accumulator.CustomerCategory> categoriesOfMap;
        private String daysOf;
        private Map<LocalDate, Accumulator.CustomerDay> daysOfMap;
        // the last day's rows of each dated kind: a batch's orders mostly share a few days
        private LocalDate dayOf;
        private Accumulator.Day dayRow;
        private LocalDate countriesOf;
        private Map<String, Accumulator.DayCountry> countriesOfMap;
        private LocalDate funnelOf;
        private Accumulator.Funnel funnelRow;
        private LocalDate dayCategoriesOf;
        private Map<String, Accumulator.DayCategory> dayCategoriesOfMap;

        @Override
        public Aggregates add(ProductCounters c) {
            productRow(c.productId()).add(c);
            lists.written(Aggregate.PRODUCTS, c.productId());
            return this;
        }

        private Accumulator.Product productRow(String productId) {
            Accumulator.Product row = products.get(productId);
            if (row == null) {
                row = new Accumulator.Product(productId);
                products.put(productId, row);
            }
            return row;
        }

        /** Both rows of the line, from its numbers: no increment record is built. */
        @Override
        public void addLine(
                String customerId,
                String productId,
                String name,
                String category,
                long units,
                long money,
                long orders,
                Instant at) {
            productRow(productId).add(name, category, units, money, orders, at, at);
            lists.written(Aggregate.PRODUCTS, productId);
            customerProductRow(customerId, productId).add(name, category, units, money, orders, at);
        }

        @Override
        public Aggregates add(CustomerCounters c) {
            customerRow(c.customerId()).add(c);
            lists.written(Aggregate.CUSTOMERS, c.customerId());
            return this;
        }

        private Accumulator.Customer customerRow(String customerId) {
            Accumulator.Customer row = customers.get(customerId);
            if (row == null) {
                row = new Accumulator.Customer(customerId);
                customers.put(customerId, row);
            }
            return row;
        }

        /** The three rows of the order's totals, from its numbers: no increment record is built. */
        @Override
        public void addOrder(
                String customerId,
                LocalDate day,
                String country,
                int hour,
                long orders,
                long money,
                long items,
                Instant at,
                LocalDate firstOrderDay,
                Instant accountCreatedAt,
                String zone) {
            if (hour < 0 || hour > 23) {
                throw new IllegalArgumentException("hour must be 0..23, got " + hour);
            }
            customerRow(customerId).addOrder(orders, money, items, at, firstOrderDay, accountCreatedAt, zone, hour);
            lists.written(Aggregate.CUSTOMERS, customerId);
            dayRow(day).addSales(orders, money, items);
            dayCountryRow(day, country).addSales(orders, money);
        }

        @Override
        public Aggregates add(CustomerProductCounters c) {
            customerProductRow(c.customerId(), c.productId()).add(c);
            return this;
        }

        private Accumulator.CustomerProduct customerProductRow(String customerId, String productId) {
            if (!customerId.equals(productsOf)) {
                productsOf = customerId;
                productsOfMap = customerProducts.computeIfAbsent(customerId, k -> newCustomerMap());
            }
            Accumulator.CustomerProduct row = productsOfMap.get(productId);
            if (row == null) {
                row = new Accumulator.CustomerProduct(customerId, productId);
                productsOfMap.put(productId, row);
            }
            return row;
        }

        @Override
        public Aggregates add(CustomerCategoryCounters c) {
            customerCategoryRow(c.customerId(), c.category()).add(c);
            return this;
        }

        private Accumulator.CustomerCategory customerCategoryRow(String customerId, String category) {
            if (!customerId.equals(categoriesOf)) {
                categoriesOf = customerId;
                categoriesOfMap = customerCategories.computeIfAbsent(customerId, k -> newCustomerMap());
            }
            Accumulator.CustomerCategory row = categoriesOfMap.get(category);
            if (row == null) {
                row = new Accumulator.CustomerCategory(customerId, category);
                categoriesOfMap.put(category, row);
            }
            return row;
        }

        @Override
        public Aggregates add(CategoryCounters c) {
            categoryRow(c.category()).add(c);
            lists.written(Aggregate.CATEGORIES, c.category());
            return this;
        }

        private Accumulator.Category categoryRow(String category) {
            Accumulator.Category row = categories.get(category);
            if (row == null) {
                row = new Accumulator.Category(category);
                categories.put(category, row);
            }
            return row;
        }

        /** The three rows of the order's category, from its numbers: no increment record is built. */
        @Override
        public void addCategory(
                String customerId, LocalDate day, String category, long orders, long units, long money) {
            categoryRow(category).add(units, money, orders);
            lists.written(Aggregate.CATEGORIES, category);
            customerCategoryRow(customerId, category).add(orders, units, money);
            dayCategoryRow(day, category).add(orders, units, money, 0, 0);
        }

        @Override
        public Aggregates add(DayCounters c) {
            dayRow(c.date()).add(c);
            return this;
        }

        private Accumulator.Day dayRow(LocalDate date) {
            if (!date.equals(dayOf)) {
                Accumulator.Day row = days.get(date);
                if (row == null) {
                    row = new Accumulator.Day(date);
                    days.put(date, row);
                }
                dayOf = date;
                dayRow = row;
            }
            return dayRow;
        }

        @Override
        public Aggregates add(DayCountryCounters c) {
            dayCountryRow(c.date(), c.country()).add(c);
            return this;
        }

        private Accumulator.DayCountry dayCountryRow(LocalDate date, String country) {
            if (!date.equals(countriesOf)) {
                countriesOf = date;
                countriesOfMap = dayCountries.computeIfAbsent(date, k -> new HashMap<>());
            }
            Accumulator.DayCountry row = countriesOfMap.get(country);
            if (row == null) {
                row = new Accumulator.DayCountry(date, country);
                countriesOfMap.put(country, row);
            }
            return row;
        }

        @Override
        public Aggregates add(ExperimentCustomerCounters c) {
            Map<String, Accumulator.Merged<ExperimentCustomerCounters>> ofExperiment =
                    experimentCustomers.computeIfAbsent(c.experiment(), k -> new HashMap<>());
            Accumulator.Merged<ExperimentCustomerCounters> row = ofExperiment.get(c.customerId());
            if (row == null) {
                ofExperiment.put(c.customerId(), new Accumulator.Merged<>(c, ExperimentCustomerCounters::plus));
            } else {
                row.add(c);
            }
            return this;
        }

        @Override
        public Aggregates add(FunnelCounters c) {
            if (!c.date().equals(funnelOf)) {
                Accumulator.Funnel row = funnelDays.get(c.date());
                if (row == null) {
                    row = new Accumulator.Funnel(c.date());
                    funnelDays.put(c.date(), row);
                }
                funnelOf = c.date();
                funnelRow = row;
            }
            funnelRow.add(c);
            return this;
        }

        @Override
        public Aggregates add(CustomerDayCounters c) {
            if (!c.customerId().equals(daysOf)) {
                daysOf = c.customerId();
                daysOfMap = customerDays.computeIfAbsent(c.customerId(), k -> newCustomerMap());
            }
            Accumulator.CustomerDay row = daysOfMap.get(c.date());
            if (row == null) {
                row = new Accumulator.CustomerDay(c.customerId(), c.date());
                daysOfMap.put(c.date(), row);
            }
            row.add(c);
            return this;
        }

        @Override
        public Aggregates add(ExperimentVariationCounters c) {
            Map<Integer, Accumulator.Merged<ExperimentVariationCounters>> ofExperiment =
                    experimentVariations.computeIfAbsent(c.experiment(), k -> new HashMap<>());
            Accumulator.Merged<ExperimentVariationCounters> row = ofExperiment.get(c.variation());
            if (row == null) {
                ofExperiment.put(c.variation(), new Accumulator.Merged<>(c, ExperimentVariationCounters::plus));
            } else {
                row.add(c);
            }
            return this;
        }

        @Override
        public Aggregates add(DayCategoryCounters c) {
            dayCategoryRow(c.date(), c.category()).add(c);
            return this;
        }

        private Accumulator.DayCategory dayCategoryRow(LocalDate day, String category) {
            if (!day.equals(dayCategoriesOf)) {
                dayCategoriesOf = day;
                dayCategoriesOfMap = dayCategories.computeIfAbsent(day, k -> new HashMap<>());
            }
            Accumulator.DayCategory row = dayCategoriesOfMap.get(category);
            if (row == null) {
                row = new Accumulator.DayCategory(day, category);
                dayCategoriesOfMap.put(category, row);
            }
            return row;
        }

        /** Forgets the cached per-customer and per-day rows and maps (they may be replaced or removed). */
        void reset() {
            productsOf = null;
            productsOfMap = null;
            categoriesOf = null;
            categoriesOfMap = null;
            daysOf = null;
            daysOfMap = null;
            dayOf = null;
            dayRow = null;
            countriesOf = null;
            countriesOfMap = null;
            funnelOf = null;
            funnelRow = null;
            dayCategoriesOf = null;
            dayCategoriesOfMap = null;
        }
    }

    /** Read access to the rows of one kind, as their snapshots: by key, and by scan. Used under the read lock only. */
    private interface Rows<T extends Counters> {
        T get(String key);

        void scan(Scan scan, Consumer<? super T> visitor);

        /** Rows of a kind that is neither partitioned nor dated, stored by key. */
        static <T extends Counters> Rows<T> byKey(Map<String, ? extends Accumulator<T>> byKey) {
            return new Rows<>() {
                @Override
                public T get(String key) {
                    Accumulator<T> row = byKey.get(key);
                    return row == null ? null : row.snapshot();
                }

                @Override
                public void scan(Scan scan, Consumer<? super T> visitor) {
                    for (Accumulator<T> row : byKey.values()) {
                        visitor.accept(row.snapshot());
                    }
                }
            };
        }

        /** Rows of a partitioned kind, stored per customer. */
        static <T extends Counters> Rows<T> byPartition(
                Aggregate<T> aggregate, Map<String, ? extends Map<?, ? extends Accumulator<T>>> byPartition) {
            return new Rows<>() {
                @Override
                public T get(String key) {
                    String partition = aggregate.partitionOfKey(key);
                    return partition == null ? null : find(aggregate, byPartition.get(partition), key);
                }

                @Override
                public void scan(Scan scan, Consumer<? super T> visitor) {
                    if (scan instanceof Scan.Partition p) {
                        Map<?, ? extends Accumulator<T>> ofCustomer = byPartition.get(p.key());
                        if (ofCustomer != null) {
                            visitAll(ofCustomer, visitor);
                        }
                    } else {
                        for (Map<?, ? extends Accumulator<T>> ofPartition : byPartition.values()) {
                            visitAll(ofPartition, visitor);
                        }
                    }
                }
            };
        }

        /** Rows of a dated kind, stored per day in date order ({@code rowsOf} gives a day's rows by item). */
        static <T extends Counters, V> Rows<T> byDate(
                Aggregate<T> aggregate,
                TreeMap<LocalDate, V> byDay,
                Function<V, Map<?, ? extends Accumulator<T>>> rowsOf) {
            Comparator<T> keyOrder = Comparator.comparing(aggregate::keyOf);
            return new Rows<>() {
                @Override
                public T get(String key) {
                    LocalDate day = aggregate.dateOfKey(key);
                    V rowsOfDay = day == null ? null : byDay.get(day);
                    return rowsOfDay == null ? null : find(aggregate, rowsOf.apply(rowsOfDay), key);
                }

                @Override
                public void scan(Scan scan, Consumer<? super T> visitor) {
                    Map<LocalDate, V> selected =
                            scan instanceof Scan.Dates d ? byDay.subMap(d.from(), true, d.to(), true) : byDay;
                    for (V rowsOfDay : selected.values()) {
                        rowsOf.apply(rowsOfDay).values().stream()
                                .map(Accumulator::snapshot)
                                .sorted(keyOrder)
                                .forEach(visitor);
                    }
                }
            };
        }

        private static <T extends Counters> void visitAll(
                Map<?, ? extends Accumulator<T>> rows, Consumer<? super T> visitor) {
            for (Accumulator<T> row : rows.values()) {
                visitor.accept(row.snapshot());
            }
        }

        private static <T extends Counters> T find(
                Aggregate<T> aggregate, Map<?, ? extends Accumulator<T>> candidates, String key) {
            if (candidates != null) {
                for (Accumulator<T> row : candidates.values()) {
                    T snapshot = row.snapshot();
                    if (aggregate.keyOf(snapshot).equals(key)) {
                        return snapshot;
                    }
                }
            }
            return null;
        }
    }
}
