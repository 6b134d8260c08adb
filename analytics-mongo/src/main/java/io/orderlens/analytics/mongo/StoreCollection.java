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
    ORDER_FUNNEL("order_funnel"),
    CUSTOMER_DAYS("customer_days"),
    EXPERIMENT_VARIATIONS("experiment_variations"),
    /**
     * The baseline of compacted ledger entries: one document per aggregate row they contributed to, {@code _id}
     * {@code "<collection suffix>|<row _id>"}, fields and guard as in that aggregate collection.
     */
    BASELINE("baseline");

    /** The aggregate collections, in the order a batch writes them. */
    static final StoreCollection[] AGGREGATES = {
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
        EXPERIMENT_VARIATIONS
    };

    private final String suffix;

    StoreCollection(String suffix) {
        this.suffix = suffix;
    }

    String suffix() {
        return suffix;
    }
}
