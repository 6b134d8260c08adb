package io.orderlens.analytics.spi;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of aggregate row a store keeps, with the key that identifies a row. Keys are strings defined here, once,
 * for every store: an id for products, customers and categories; {@code yyyy-MM-dd} for days;
 * {@link #customerItemKey} for a customer's products, categories and days (partitioned by customer) and for a
 * customer in an experiment (partitioned by experiment);
 * {@code yyyy-MM-dd|country} for day × country rows and {@code yyyy-MM-dd|category} for day × category rows. A store may use the key as its primary key (the MongoDB store
 * uses it as {@code _id}). The kinds are the constants; immutable and thread-safe.
 *
 * @param <T> the row type
 */
public final class Aggregate<T extends Counters> {
    public static final Aggregate<ProductCounters> PRODUCTS =
            new Aggregate<>("product", ProductCounters.class, ProductCounters::productId, null, null);
    public static final Aggregate<CustomerCounters> CUSTOMERS =
            new Aggregate<>("customer", CustomerCounters.class, CustomerCounters::customerId, null, null);
    public static final Aggregate<CustomerProductCounters> CUSTOMER_PRODUCTS = new Aggregate<>(
            "customerProduct",
            CustomerProductCounters.class,
            c -> customerItemKey(c.customerId(), c.productId()),
            CustomerProductCounters::customerId,
            null);
    public static final Aggregate<CustomerCategoryCounters> CUSTOMER_CATEGORIES = new Aggregate<>(
            "customerCategory",
            CustomerCategoryCounters.class,
            c -> customerItemKey(c.customerId(), c.category()),
            CustomerCategoryCounters::customerId,
            null);
    public static final Aggregate<CategoryCounters> CATEGORIES =
            new Aggregate<>("category", CategoryCounters.class, CategoryCounters::category, null, null);
    public static final Aggregate<DayCounters> DAYS =
            new Aggregate<>("day", DayCounters.class, c -> c.date().toString(), null, DayCounters::date);
    public static final Aggregate<DayCountryCounters> DAY_COUNTRIES = new Aggregate<>(
            "dayCountry", DayCountryCounters.class, c -> c.date() + "|" + c.country(), null, DayCountryCounters::date);

    /** A customer in an experiment: key {@code customerItemKey(experiment, customerId)}, partition the experiment. */
    public static final Aggregate<ExperimentCustomerCounters> EXPERIMENT_CUSTOMERS = new Aggregate<>(
            "experimentCustomer",
            ExperimentCustomerCounters.class,
            c -> customerItemKey(c.experiment(), c.customerId()),
            ExperimentCustomerCounters::experiment,
            null);

    /** The lifecycle funnel of the orders placed on one business-zone day: key {@code yyyy-MM-dd}, scanned by date. */
    public static final Aggregate<FunnelCounters> ORDER_FUNNEL =
            new Aggregate<>("orderFunnel", FunnelCounters.class, c -> c.date().toString(), null, FunnelCounters::date);

    /** A customer's orders of one day: key {@code customerItemKey(customerId, yyyy-MM-dd)}, partition the customer. */
    public static final Aggregate<CustomerDayCounters> CUSTOMER_DAYS = new Aggregate<>(
            "customerDay",
            CustomerDayCounters.class,
            c -> customerItemKey(c.customerId(), c.date().toString()),
            CustomerDayCounters::customerId,
            null);

    /**
     * One variation of an experiment over its exposed customers: key {@code customerItemKey(experiment, index)} (the
     * index as a decimal number, -1 for the customers exposed to several), partition the experiment.
     */
    public static final Aggregate<ExperimentVariationCounters> EXPERIMENT_VARIATIONS = new Aggregate<>(
            "experimentVariation",
            ExperimentVariationCounters.class,
            c -> customerItemKey(c.experiment(), Integer.toString(c.variation())),
            ExperimentVariationCounters::experiment,
            null);

    /**
     * One category on one business-zone day: key {@code yyyy-MM-dd|category}, scanned by date. Holds no customer
     * data.
     */
    public static final Aggregate<DayCategoryCounters> DAY_CATEGORIES = new Aggregate<>(
            "dayCategory",
            DayCategoryCounters.class,
            c -> c.date() + "|" + c.category(),
            null,
            DayCategoryCounters::date);

    private static final List<Aggregate<?>> ALL = List.of(
            PRODUCTS,
            CUSTOMERS,
            CUSTOMER_PRODUCTS,
            CUSTOMER_CATEGORIES,
            CATEGORIES,
            DAYS,
            DAY_COUNTRIES,
            EXPERIMENT_CUSTOMERS,
            ORDER_FUNNEL,
            CUSTOMER_DAYS,
            EXPERIMENT_VARIATIONS,
            DAY_CATEGORIES);

    private final String name;
    private final Class<T> type;
    private final Function<T, String> key;
    private final Function<T, String> partition;
    private final Function<T, LocalDate> date;

    private Aggregate(
            String name,
            Class<T> type,
            Function<T, String> key,
            Function<T, String> partition,
            Function<T, LocalDate> date) {
        this.name = name;
        this.type = type;
        this.key = key;
        this.partition = partition;
        this.date = date;
    }

    /** Every kind, in a fixed order. */
    public static List<Aggregate<?>> values() {
        return ALL;
    }

    /**
     * Key of a customer × item row: {@code <length of customerId>:<customerId>|<item>}, e.g. {@code 4:c-42|p-9}.
     * The length prefix keeps it unambiguous whatever characters the ids contain, and makes
     * {@code <length>:<customerId>|} a prefix shared by exactly one customer's rows.
     */
    public static String customerItemKey(String customerId, String item) {
        return customerId.length() + ":" + customerId + "|" + item;
    }

    /**
     * The partition (customer id) a key of a {@link #partitioned()} kind belongs to, or null if {@code key} is not a
     * {@link #customerItemKey} (then no row has it).
     */
    public String partitionOfKey(String key) {
        if (partition == null) {
            throw new UnsupportedOperationException(name + " rows have no partition");
        }
        int colon = key.indexOf(':');
        if (colon < 1) {
            return null;
        }
        int length;
        try {
            length = Integer.parseInt(key, 0, colon, 10);
        } catch (NumberFormatException e) {
            return null;
        }
        int end = colon + 1 + length;
        return length >= 0 && end < key.length() && key.charAt(end) == '|' ? key.substring(colon + 1, end) : null;
    }

    /**
     * The day a key of a {@link #dated()} kind belongs to ({@code yyyy-MM-dd} or {@code yyyy-MM-dd|country}), or null
     * if {@code key} does not start with one (then no row has it).
     */
    public LocalDate dateOfKey(String key) {
        if (date == null) {
            throw new UnsupportedOperationException(name + " rows have no date");
        }
        int bar = key.indexOf('|');
        try {
            return LocalDate.parse(bar < 0 ? key : key.substring(0, bar));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A short name, e.g. {@code product}, {@code customerProduct}. */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The key of {@code row}. */
    public String keyOf(T row) {
        return key.apply(row);
    }

    /** Whether {@link Scan#partition} applies: rows belong to one partition (customer or experiment) each. */
    public boolean partitioned() {
        return partition != null;
    }

    /** The partition (customer id, or experiment key) of {@code row}; only for {@link #partitioned()} kinds. */
    public String partitionOf(T row) {
        if (partition == null) {
            throw new UnsupportedOperationException(name + " rows have no partition");
        }
        return partition.apply(row);
    }

    /** Whether {@link Scan#dates} applies: every row is of one business-zone day. */
    public boolean dated() {
        return date != null;
    }

    /** The day of {@code row}; only for {@link #dated()} kinds. */
    public LocalDate dateOf(T row) {
        if (date == null) {
            throw new UnsupportedOperationException(name + " rows have no date");
        }
        return date.apply(row);
    }

    /**
     * Checks that {@code scan} applies to this kind.
     *
     * @throws IllegalArgumentException if it does not (a partition of an unpartitioned kind, dates of an undated one)
     */
    public Scan check(Scan scan) {
        if (scan == null) {
            throw new IllegalArgumentException("scan must not be null");
        }
        if (scan instanceof Scan.Partition && !partitioned()) {
            throw new IllegalArgumentException(name + " rows are not partitioned; scan all of them instead");
        }
        if (scan instanceof Scan.Dates && !dated()) {
            throw new IllegalArgumentException(name + " rows are not dated; scan all of them instead");
        }
        return scan;
    }

    /** Whether {@code row} is one {@code scan} visits ({@code scan} checked with {@link #check}). */
    public boolean selects(Scan scan, T row) {
        if (scan instanceof Scan.Partition p) {
            return p.key().equals(partitionOf(row));
        }
        if (scan instanceof Scan.Dates d) {
            return d.contains(dateOf(row));
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
