package io.orderlens.analytics.period;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a metric moved from a base value (the previous bucket, or the same bucket a year earlier) to a bucket's value.
 *
 * @param absolute the value minus the base, exact
 * @param percent  {@code absolute × 100 / |base|}, rounded half-up to two decimals ({@code 12.50} is 12.5 %);
 *                 {@code null} when the base is zero, where a percentage is undefined (never infinite)
 */
public record Change(BigDecimal absolute, BigDecimal percent) {
    /** @throws NullPointerException if {@code absolute} is null */
    public Change {
        Objects.requireNonNull(absolute, "absolute");
    }
}
