package io.orderlens.analytics.flag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feature flags whose definitions live in the store (every instance of the host sees the same ones) and are
 * evaluated locally on definitions reloaded after a TTL ({@code Analytics.Builder.flagRefresh}, default 5 minutes).
 * Experiment rules assign through {@code Analytics.experiments()} and queue the exposure. Reached through
 * {@code Analytics.flags()}; thread-safe.
 */
public interface FeatureFlags {

    /** Stores {@code flag}, creating or replacing the definition with its key; this instance sees it at once. */
    FeatureFlag save(FeatureFlag flag);

    /** The stored definition, read from the store now. */
    Optional<FeatureFlag> find(String key);

    /** Every stored definition, in key order, read from the store now. */
    List<FeatureFlag> all();

    /** The flag's value for this customer (null when unknown or off by default); see {@link Flags#value}. */
    String value(String flagKey, String customerId, Map<String, String> attributes);

    /** Whether the value is on (non-null and not {@code "false"}). */
    boolean isOn(String flagKey, String customerId, Map<String, String> attributes);

    /**
     * The flag's statistics per business-zone day of {@code [from, to]}, oldest first, one entry per day (days
     * without evaluations have zeros): the evaluations every instance of the host has written to the store, which
     * each does every {@code Analytics.Builder.flagStatistics} interval, on {@link #flushStatistics()} and at close.
     *
     * @throws InvalidFlagException if no flag is defined with this key, if {@code from} is after {@code to}, or if
     *     the range spans more than {@link #MAX_STATISTICS_DAYS} days
     * @throws io.orderlens.analytics.StoreException if the store cannot be read
     */
    List<FlagDayStats> statistics(String flagKey, LocalDate from, LocalDate to);

    /**
     * Writes the evaluations this instance counted and has not written yet, now (exactly once per evaluation).
     *
     * @return the flag-days written
     * @throws io.orderlens.analytics.StoreException if the store keeps failing; the counts are kept and written by
     *     a later flush
     */
    int flushStatistics();

    /**
     * Evaluations this instance served without counting them because its limit of flag-days counted and not yet
     * written was reached (the store was failing for long); 0 normally.
     */
    long uncountedEvaluations();

    /** The longest range {@link #statistics} reads at once, in days. */
    int MAX_STATISTICS_DAYS = 3_660;
}
