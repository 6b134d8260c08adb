package io.orderlens.analytics.funnel;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one step took, over the orders placed in the funnel's range that reported both its statuses. Percentiles
 * come from the stage-time histograms ({@link DurationBuckets}): each is the end of the bucket holding the
 * percentile's order (nearest rank), at most 12.5 % (below 16 s: 1 s) above the true duration.
 *
 * @param orders orders with both times
 * @param p50    median; null when {@code orders} is 0
 * @param p90    90th percentile; null when {@code orders} is 0
 * @param p99    99th percentile; null when {@code orders} is 0
 */
public record StepDurations(FunnelStep step, long orders, Duration p50, Duration p90, Duration p99) {
    /** @throws NullPointerException if {@code step} is null */
    public StepDurations {
        Objects.requireNonNull(step, "step");
    }
}
