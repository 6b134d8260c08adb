package io.orderlens.analytics.funnel;

import java.time.LocalDate;

/**
 * Funnels folded from the stored per-day funnel counters, never from the orders. Reads through the configured cache
 * (if any); thread-safe.
 */
public interface FunnelQueries {

    /**
     * The lifecycle funnel of the orders placed from {@code from} to {@code to} (inclusive, business-zone days): how
     * many reached each status, how many were canceled at each, the conversion between statuses, and p50/p90/p99 of
     * the time of each step; one read of the range's day rows.
     *
     * @throws IllegalArgumentException if a date is null or outside 1899-12-31..2200-01-01, {@code from} is after
     *     {@code to}, or the range spans more than 3,660 days
     * @throws IllegalStateException if the instance is closed
     */
    LifecycleFunnel lifecycle(LocalDate from, LocalDate to);
}
