package io.orderlens.analytics.internal;

import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;

/**
 * Every ranking of the query API, defined once: the metric, descending, then ties broken by the next keys and last
 * by the row's id, ascending. Stores derive their sort from these keys; none has a rule of its own.
 */
public final class Rankings {
    public static final Ranking<ProductCounters> PRODUCTS_BY_UNITS = Ranking.of("productsByUnits", Aggregate.PRODUCTS)
            .descending("units", ProductCounters::units)
            .ascendingText("productId", ProductCounters::productId)
            .build();
    public static final Ranking<ProductCounters> PRODUCTS_BY_REVENUE = Ranking.of(
                    "productsByRevenue", Aggregate.PRODUCTS)
            .descending("revenue", ProductCounters::revenue)
            .ascendingText("productId", ProductCounters::productId)
            .build();
    public static final Ranking<CustomerCounters> CUSTOMERS_BY_SPEND = Ranking.of(
                    "customersBySpend", Aggregate.CUSTOMERS)
            .descending("spent", CustomerCounters::spent)
            .ascendingText("customerId", CustomerCounters::customerId)
            .build();
    public static final Ranking<CategoryCounters> CATEGORIES_BY_REVENUE = Ranking.of(
                    "categoriesByRevenue", Aggregate.CATEGORIES)
            .descending("revenue", CategoryCounters::revenue)
            .ascendingText("category", CategoryCounters::category)
            .build();
    /** A customer's products: net units, then spend, then product id (scan one customer's partition). */
    public static final Ranking<CustomerProductCounters> CUSTOMER_PRODUCTS = Ranking.of(
                    "customerProductsByUnits", Aggregate.CUSTOMER_PRODUCTS)
            .descending("units", CustomerProductCounters::units)
            .descending("spend", CustomerProductCounters::spend)
            .ascendingText("productId", CustomerProductCounters::productId)
            .build();
    /** A customer's categories: counted orders, then spend, then category (scan one customer's partition). */
    public static final Ranking<CustomerCategoryCounters> CUSTOMER_CATEGORIES = Ranking.of(
                    "customerCategoriesByOrders", Aggregate.CUSTOMER_CATEGORIES)
            .descending("orders", CustomerCategoryCounters::orders)
            .descending("spend", CustomerCategoryCounters::spend)
            .ascendingText("category", CustomerCategoryCounters::category)
            .build();

    private Rankings() {}

    /** The ranking behind {@link ProductRanking}. */
    public static Ranking<ProductCounters> products(ProductRanking ranking) {
        return switch (ranking) {
            case UNITS -> PRODUCTS_BY_UNITS;
            case REVENUE -> PRODUCTS_BY_REVENUE;
        };
    }
}
