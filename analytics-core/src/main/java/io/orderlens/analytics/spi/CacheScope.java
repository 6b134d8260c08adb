package io.orderlens.analytics.spi;

/**
 * A unit of invalidation. A write bumps every scope it touched; a cached read names the scopes it depends on.
 *
 * @param kind {@code product}, {@code customer} or {@code global} (top lists, days, dashboards)
 * @param id   the product or customer id; empty for global
 */
public record CacheScope(String kind, String id) {
    public static final CacheScope GLOBAL = new CacheScope("global", "");

    public static CacheScope product(String productId) {
        return new CacheScope("product", productId);
    }

    public static CacheScope customer(String customerId) {
        return new CacheScope("customer", customerId);
    }
}
