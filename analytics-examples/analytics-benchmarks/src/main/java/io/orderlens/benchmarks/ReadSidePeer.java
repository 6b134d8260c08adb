package io.orderlens.benchmarks;

import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ProductStats;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Another system answering the read side's queries from the raw order and refund lines, timed and checked next to
 * the library by {@link ReadSideBench}. Implementations are found with {@link java.util.ServiceLoader}; the ones that
 * need large artifacts (DuckDB) are compiled only in the build's {@code peers} profile, so the default benchmark jar
 * has none and the table shows the library alone.
 *
 * <p>A peer must answer exactly what the library answers under its default policies (rating, tier, time of day,
 * frequency, top-N sizes) in the business zone it is given: the benchmark compares every answer with {@code equals}
 * and fails the run on the first difference. Instances are used by one thread at a time.
 */
public interface ReadSidePeer extends AutoCloseable {
    /** Short lower-case id used in the table's row ids, e.g. {@code duckdb}. */
    String id();

    /** How the peer holds the lines and computes the answers, for the table's notes. */
    String describe();

    /**
     * Takes every line of {@code events} (each order line and each refund line is one raw row); called once, before
     * any query.
     *
     * @param zone  the business zone: days and hours as the library buckets them
     * @param clock what "now" is for a customer's order frequency (the library instance compared uses the same)
     * @throws IllegalStateException if the peer cannot start or load the lines
     */
    void load(List<OrderEvent> events, ZoneId zone, Clock clock);

    /** As {@link io.orderlens.analytics.query.AnalyticsQueries#customer}, with the default top-N sizes (5 and 3). */
    Optional<CustomerProfile> customer(String customerId);

    /** As {@code topProducts(ProductRanking.REVENUE, limit)}. */
    List<ProductStats> topProductsByRevenue(int limit);

    /** As {@link io.orderlens.analytics.query.AnalyticsQueries#daily}. */
    List<DailyStats> daily(LocalDate from, LocalDate to);

    /** As {@link io.orderlens.analytics.query.AnalyticsQueries#dashboard}. */
    Dashboard dashboard(LocalDate from, LocalDate to);

    /** Releases what {@link #load} started; never throws. */
    @Override
    void close();
}
