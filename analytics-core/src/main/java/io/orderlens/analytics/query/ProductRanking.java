package io.orderlens.analytics.query;

/** Order of a top-products list. Ties are broken by product id, ascending. */
public enum ProductRanking {
    /** Net units sold, descending. */
    UNITS,
    /** Net revenue, descending. */
    REVENUE
}
