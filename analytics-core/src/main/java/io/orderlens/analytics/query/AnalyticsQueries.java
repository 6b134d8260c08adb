package io.orderlens.analytics.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the library. Every method reads through the configured cache (if any) and is thread-safe. Limits
 * must be 1..1000; ids must be well-formed ids as events carry them (see {@code Order}); date ranges must lie in
 * 1899-12-31..2200-01-01, have {@code from <= to} and span at most 3,660 days; violations throw
 * {@link IllegalArgumentException} with the offending value. After the instance is closed every method throws
 * {@link IllegalStateException}. Results are immutable (their lists and maps, and the
 * lists returned, are unmodifiable), so a cache may hand one instance to many readers.
 */
public interface AnalyticsQueries {

    Optional<ProductStats> product(String productId);

    List<ProductStats> topProducts(ProductRanking ranking, int limit);

    /** Profile with the configured top-N sizes (5 items, 3 categories unless configured). */
    Optional<CustomerProfile> customer(String customerId);

    /** By net spend, descending. */
    List<CustomerSummary> topCustomers(int limit);

    Optional<CategoryStats> category(String category);

    /** By net revenue, descending. */
    List<CategoryStats> topCategories(int limit);

    /** One entry per day of {@code [from, to]}, days without activity zero-filled. */
    List<DailyStats> daily(LocalDate from, LocalDate to);

    Dashboard dashboard(LocalDate from, LocalDate to);
}
