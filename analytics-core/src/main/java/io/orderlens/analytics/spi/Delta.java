package io.orderlens.analytics.spi;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Signed increments for every aggregate kind, merged by key. A batch of any number of orders becomes one delta, and a
 * store writes it with one write per aggregate kind. The same type holds a full snapshot of all aggregates (a delta
 * from zero), which is what verify and rebuild compare and write.
 *
 * <p>Numeric fields add; instants merge by min/max and are never reversed; labels (names, categories, zone) keep
 * the latest non-null value. Not thread-safe: build it on one thread, then hand it over.
 */
public final class Delta implements CounterSink {
    /** Key of a per-customer item (product or category). */
    public record CustomerItem(String customerId, String item) {}

    /** Key of a day × country bucket. */
    public record DayCountry(LocalDate date, String country) {}

    /** Key of a day × category bucket. */
    public record DayCategory(LocalDate date, String category) {}

    private final Map<String, ProductCounters> products = new HashMap<>();
    private final Map<String, CustomerCounters> customers = new HashMap<>();
    private final Map<CustomerItem, CustomerProductCounters> customerProducts = new HashMap<>();
    private final Map<CustomerItem, CustomerCategoryCounters> customerCategories = new HashMap<>();
    private final Map<String, CategoryCounters> categories = new HashMap<>();
    private final Map<LocalDate, DayCounters> days = new HashMap<>();
    private final Map<DayCountry, DayCountryCounters> dayCountries = new HashMap<>();
    private final Map<CustomerItem, ExperimentCustomerCounters> experimentCustomers = new HashMap<>();
    private final Map<LocalDate, FunnelCounters> funnelDays = new HashMap<>();
    private final Map<CustomerItem, CustomerDayCounters> customerDays = new HashMap<>();
    private final Map<CustomerItem, ExperimentVariationCounters> experimentVariations = new HashMap<>();
    private final Map<DayCategory, DayCategoryCounters> dayCategories = new HashMap<>();

    @Override
    public Delta add(ProductCounters c) {
        products.merge(c.productId(), c, ProductCounters::plus);
        return this;
    }

    @Override
    public Delta add(CustomerCounters c) {
        customers.merge(c.customerId(), c, CustomerCounters::plus);
        return this;
    }

    @Override
    public Delta add(CustomerProductCounters c) {
        customerProducts.merge(new CustomerItem(c.customerId(), c.productId()), c, CustomerProductCounters::plus);
        return this;
    }

    @Override
    public Delta add(CustomerCategoryCounters c) {
        customerCategories.merge(new CustomerItem(c.customerId(), c.category()), c, CustomerCategoryCounters::plus);
        return this;
    }

    @Override
    public Delta add(CategoryCounters c) {
        categories.merge(c.category(), c, CategoryCounters::plus);
        return this;
    }

    @Override
    public Delta add(DayCounters c) {
        days.merge(c.date(), c, DayCounters::plus);
        return this;
    }

    @Override
    public Delta add(DayCountryCounters c) {
        dayCountries.merge(new DayCountry(c.date(), c.country()), c, DayCountryCounters::plus);
        return this;
    }

    /** Rows keyed by experiment (as {@link CustomerItem#customerId()}'s counterpart: the partition) and customer. */
    @Override
    public Delta add(ExperimentCustomerCounters c) {
        experimentCustomers.merge(
                new CustomerItem(c.experiment(), c.customerId()), c, ExperimentCustomerCounters::plus);
        return this;
    }

    /** Rows keyed by customer and day (the day as {@code yyyy-MM-dd} in {@link CustomerItem#item()}). */
    @Override
    public Delta add(FunnelCounters c) {
        funnelDays.merge(c.date(), c, FunnelCounters::plus);
        return this;
    }

    @Override
    public Delta add(CustomerDayCounters c) {
        customerDays.merge(new CustomerItem(c.customerId(), c.date().toString()), c, CustomerDayCounters::plus);
        return this;
    }

    /** Rows keyed by experiment (the partition) and variation index (as {@link CustomerItem#item()}). */
    @Override
    public Delta add(ExperimentVariationCounters c) {
        experimentVariations.merge(
                new CustomerItem(c.experiment(), Integer.toString(c.variation())),
                c,
                ExperimentVariationCounters::plus);
        return this;
    }

    @Override
    public Delta add(DayCategoryCounters c) {
        dayCategories.merge(new DayCategory(c.date(), c.category()), c, DayCategoryCounters::plus);
        return this;
    }

    /** Hands every entry to {@code sink}, kind by kind (order within a kind unspecified). */
    public void forEach(CounterSink sink) {
        products.values().forEach(sink::add);
        customers.values().forEach(sink::add);
        customerProducts.values().forEach(sink::add);
        customerCategories.values().forEach(sink::add);
        categories.values().forEach(sink::add);
        days.values().forEach(sink::add);
        dayCountries.values().forEach(sink::add);
        experimentCustomers.values().forEach(sink::add);
        funnelDays.values().forEach(sink::add);
        customerDays.values().forEach(sink::add);
        experimentVariations.values().forEach(sink::add);
        dayCategories.values().forEach(sink::add);
    }

    /** Adds every entry of {@code other} into this delta. */
    public Delta addAll(Delta other) {
        other.forEach(this);
        return this;
    }

    /**
     * Drops entries whose numeric fields are all zero and that carry no instant worth keeping. Used to compare
     * snapshots: an aggregate that went up and back down to zero equals one that never existed.
     */
    public Delta withoutZeros() {
        Delta d = new Delta();
        copyNonZero(products, d.products, c -> c.isZero() && c.firstSoldAt() == null);
        copyNonZero(customers, d.customers, c -> c.isZero() && c.firstOrderAt() == null);
        copyNonZero(customerProducts, d.customerProducts, c -> c.isZero() && c.lastOrderedAt() == null);
        copyNonZero(customerCategories, d.customerCategories, CustomerCategoryCounters::isZero);
        copyNonZero(categories, d.categories, CategoryCounters::isZero);
        copyNonZero(days, d.days, DayCounters::isZero);
        copyNonZero(dayCountries, d.dayCountries, DayCountryCounters::isZero);
        copyNonZero(experimentCustomers, d.experimentCustomers, ExperimentCustomerCounters::isZero);
        copyNonZero(funnelDays, d.funnelDays, FunnelCounters::isZero);
        copyNonZero(customerDays, d.customerDays, CustomerDayCounters::isZero);
        copyNonZero(experimentVariations, d.experimentVariations, ExperimentVariationCounters::isZero);
        copyNonZero(dayCategories, d.dayCategories, DayCategoryCounters::isZero);
        return d;
    }

    private static <K, V> void copyNonZero(Map<K, V> from, Map<K, V> to, Predicate<V> zero) {
        from.forEach((k, v) -> {
            if (!zero.test(v)) {
                to.put(k, v);
            }
        });
    }

    public Map<String, ProductCounters> products() {
        return Collections.unmodifiableMap(products);
    }

    public Map<String, CustomerCounters> customers() {
        return Collections.unmodifiableMap(customers);
    }

    public Map<CustomerItem, CustomerProductCounters> customerProducts() {
        return Collections.unmodifiableMap(customerProducts);
    }

    public Map<CustomerItem, CustomerCategoryCounters> customerCategories() {
        return Collections.unmodifiableMap(customerCategories);
    }

    public Map<String, CategoryCounters> categories() {
        return Collections.unmodifiableMap(categories);
    }

    public Map<LocalDate, DayCounters> days() {
        return Collections.unmodifiableMap(days);
    }

    public Map<DayCountry, DayCountryCounters> dayCountries() {
        return Collections.unmodifiableMap(dayCountries);
    }

    /** Experiment × customer rows, keyed by (experiment, customer id). */
    public Map<CustomerItem, ExperimentCustomerCounters> experimentCustomers() {
        return Collections.unmodifiableMap(experimentCustomers);
    }

    /** Lifecycle funnel rows, keyed by order day. */
    public Map<LocalDate, FunnelCounters> funnelDays() {
        return Collections.unmodifiableMap(funnelDays);
    }

    /** Customer × day rows, keyed by (customer id, {@code yyyy-MM-dd}). */
    public Map<CustomerItem, CustomerDayCounters> customerDays() {
        return Collections.unmodifiableMap(customerDays);
    }

    /** Experiment × variation rows, keyed by (experiment, variation index as a decimal string). */
    public Map<CustomerItem, ExperimentVariationCounters> experimentVariations() {
        return Collections.unmodifiableMap(experimentVariations);
    }

    /** Day × category rows, keyed by (day, category). */
    public Map<DayCategory, DayCategoryCounters> dayCategories() {
        return Collections.unmodifiableMap(dayCategories);
    }

    public boolean isEmpty() {
        return products.isEmpty()
                && customers.isEmpty()
                && customerProducts.isEmpty()
                && customerCategories.isEmpty()
                && categories.isEmpty()
                && days.isEmpty()
                && dayCountries.isEmpty()
                && experimentCustomers.isEmpty()
                && funnelDays.isEmpty()
                && customerDays.isEmpty()
                && experimentVariations.isEmpty()
                && dayCategories.isEmpty();
    }

    /** Number of aggregate entries across all kinds. */
    public int size() {
        return products.size()
                + customers.size()
                + customerProducts.size()
                + customerCategories.size()
                + categories.size()
                + days.size()
                + dayCountries.size()
                + experimentCustomers.size()
                + funnelDays.size()
                + customerDays.size()
                + experimentVariations.size()
                + dayCategories.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delta d
                && products.equals(d.products)
                && customers.equals(d.customers)
                && customerProducts.equals(d.customerProducts)
                && customerCategories.equals(d.customerCategories)
                && categories.equals(d.categories)
                && days.equals(d.days)
                && dayCountries.equals(d.dayCountries)
                && experimentCustomers.equals(d.experimentCustomers)
                && funnelDays.equals(d.funnelDays)
                && customerDays.equals(d.customerDays)
                && experimentVariations.equals(d.experimentVariations)
                && dayCategories.equals(d.dayCategories);
    }

    @Override
    public int hashCode() {
        return products.hashCode() ^ customers.hashCode() ^ days.hashCode();
    }

    @Override
    public String toString() {
        return "Delta{products=" + products.values() + ", customers=" + customers.values() + ", customerProducts="
                + customerProducts.values() + ", customerCategories=" + customerCategories.values()
                + ", categories=" + categories.values() + ", days=" + days.values() + ", dayCountries="
                + dayCountries.values() + ", experimentCustomers=" + experimentCustomers.values() + ", funnelDays="
                + funnelDays.values() + ", customerDays=" + customerDays.values() + ", experimentVariations="
                + experimentVariations.values() + ", dayCategories=" + dayCategories.values() + "}";
    }
}
