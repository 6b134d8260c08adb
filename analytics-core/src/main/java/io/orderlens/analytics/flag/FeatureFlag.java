package io.orderlens.analytics.flag;

import java.util.List;

/**
 * A feature flag definition: immutable, self-checking, JSON-friendly. A disabled flag serves its default value to
 * everyone; an enabled one serves the value of the first rule that applies, else the default.
 *
 * @param key non-blank, at most 200 characters
 * @param enabled the kill switch
 * @param defaultValue served when disabled or when no rule applies; may be null ("off")
 * @param rules tried in order
 */
public record FeatureFlag(String key, boolean enabled, String defaultValue, List<FlagRule> rules) {
    public FeatureFlag {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new InvalidFlagException("flag key must be non-blank and at most 200 characters, got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A boolean flag: default "false", on for whom {@code rules} say "true". */
    public static FeatureFlag bool(String key, FlagRule... rules) {
        return new FeatureFlag(key, true, "false", List.of(rules));
    }

    /** This flag switched on or off. */
    public FeatureFlag withEnabled(boolean on) {
        return new FeatureFlag(key, on, defaultValue, rules);
    }
}
