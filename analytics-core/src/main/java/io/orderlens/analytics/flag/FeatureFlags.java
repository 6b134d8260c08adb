package io.orderlens.analytics.flag;

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

    /** Evaluations and "on" results per business day in this instance, oldest first. */
    List<FlagDayStats> statistics(String flagKey);
}
