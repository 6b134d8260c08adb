package io.orderlens.analytics.period;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The customers who ordered in one bucket of a {@link CustomerSeries}, new or returning. A counted order here is one
 * that counts and is not canceled or fully refunded. Immutable.
 *
 * @param label              the bucket's name ({@link Granularity#label})
 * @param start              its first day
 * @param end                its last day (inclusive)
 * @param newCustomers       customers whose first counted order falls in the bucket
 * @param returningCustomers customers with a counted order in the bucket whose first counted order was earlier
 */
public record CustomerBucket(String label, LocalDate start, LocalDate end, long newCustomers, long returningCustomers) {

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if a count is negative
     */
    public CustomerBucket {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (newCustomers < 0 || returningCustomers < 0) {
            throw new IllegalArgumentException("customer counts must not be negative, got " + newCustomers + " new and "
                    + returningCustomers + " returning in " + label);
        }
    }

    /** Customers with a counted order in the bucket: new plus returning. */
    public long activeCustomers() {
        return newCustomers + returningCustomers;
    }
}
