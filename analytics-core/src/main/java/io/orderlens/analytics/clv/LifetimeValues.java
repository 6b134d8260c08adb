package io.orderlens.analytics.clv;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Customer lifetime value over the counters the library keeps: each customer's purchase days (business days with a
 * counted order, net of cancels and refunds). Reached through {@code Analytics.lifetimeValue()}; thread-safe.
 *
 * <p>Models are fitted off the write path: on the first query as of a day, or ahead of it on the instance's schedule
 * ({@link ClvOptions#refitEvery()}), and reused for {@link ClvOptions#modelMaxAge()}. A fit that does not converge or
 * has too few customers is reported in {@link ClvModel} and in each {@link CustomerValue}; queries do not throw for it.
 * Dates are business-zone days in 1899-12-31..2200-01-01.
 */
public interface LifetimeValues {

    /**
     * The models fitted as of {@code asOf} (its orders included), fitted now unless a fit of the same day is younger
     * than {@link ClvOptions#modelMaxAge()}. Concurrent calls for one day share one fit.
     *
     * @throws IllegalArgumentException if {@code asOf} is null or out of range
     */
    ClvModel model(LocalDate asOf);

    /**
     * The lifetime value of {@code customerId} as of {@code asOf}; empty if the customer has no counted order placed up
     * to that day.
     *
     * @throws IllegalArgumentException if {@code customerId} is null or blank, or {@code asOf} is null or out of range
     */
    Optional<CustomerValue> of(String customerId, LocalDate asOf);

    /**
     * The {@code limit} customers of highest predicted value as of {@code asOf}, highest first, ties by customer id
     * ascending; empty when the model is not usable. Reads every purchase day up to {@code asOf}.
     *
     * @throws IllegalArgumentException if {@code limit} is not in 1..10,000 or {@code asOf} is null or out of range
     */
    List<CustomerValue> top(int limit, LocalDate asOf);

    /**
     * Hands every customer with a counted order placed up to {@code asOf} to {@code visitor}, in no particular order:
     * the bulk form of {@link #of} for rules and exports over the whole base (one read of every purchase day, and
     * the model of the day). The visitor runs on the calling thread.
     *
     * @throws IllegalArgumentException if {@code asOf} is null or out of range, or {@code visitor} is null
     */
    void forEach(LocalDate asOf, Consumer<? super CustomerValue> visitor);

    /** The options in use. */
    ClvOptions options();
}
