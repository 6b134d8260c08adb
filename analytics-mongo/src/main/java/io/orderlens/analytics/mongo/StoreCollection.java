package io.orderlens.analytics.mongo;

/** The collections of one store; the stored name is the configured prefix followed by {@link #suffix()}. */
enum StoreCollection {
    LEDGER("ledger"),
    BATCHES("batches"),
    PRODUCTS("products"),
    CUSTOMERS("customers"),
    CUSTOMER_PRODUCTS("customer_products"),
    CUSTOMER_CATEGORIES("customer_categories"),
    CATEGORIES("categories"),
    DAYS("days"),
    DAY_COUNTRIES("day_countries"),
    EXPERIMENT_CUSTOMERS("experiment_customers"),
    EXPERIMENT_VARIATIONS("experiment_variations"),
    /**
     * The baseline of compacted ledger entries: one document per aggregate row they contributed to, {@code _id}
     * {@code "<collection suffix>|<row _id>"}, fields and guard as in that aggregate collection.
     */
    BASELINE("baseline"),
    /**
     * A collection of the previous layout, which kept the lifecycle funnel rows on their own (they are now part of
     * the {@code days} documents). Nothing reads it; a rebuild drops it.
     */
    RETIRED_ORDER_FUNNEL("order_funnel"),
    /**
     * A collection of the previous layout, which kept the customer × day rows on their own (they are now documents
     * of {@code customer_categories}). Nothing reads it; a rebuild drops it.
     */
    RETIRED_CUSTOMER_DAYS("customer_days");

    /**
     * The aggregate collections, in the order a batch writes them. Each holds the rows of one or more aggregates
     * ({@link CounterDocuments.Shape} says which and how).
     */
    static final StoreCollection[] AGGREGATES = {
        PRODUCTS,
        CUSTOMERS,
        CUSTOMER_PRODUCTS,
        CUSTOMER_CATEGORIES,
        CATEGORIES,
        DAYS,
        DAY_COUNTRIES,
        EXPERIMENT_CUSTOMERS,
        EXPERIMENT_VARIATIONS
    };

    /** The collections of the previous layout that a rebuild drops; the store reads and writes none of them. */
    static final StoreCollection[] RETIRED = {RETIRED_ORDER_FUNNEL, RETIRED_CUSTOMER_DAYS};

    private final String suffix;

    StoreCollection(String suffix) {
        this.suffix = suffix;
    }

    String suffix() {
        return suffix;
    }

    /** Whether this is one of the {@link #RETIRED} collections. */
    boolean retired() {
        return this == RETIRED_ORDER_FUNNEL || this == RETIRED_CUSTOMER_DAYS;
    }
}
