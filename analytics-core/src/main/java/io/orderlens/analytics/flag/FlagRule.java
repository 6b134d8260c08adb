package io.orderlens.analytics.flag;

/**
 * One rule of a flag, tried in order; the first that applies decides the value. A plain JSON-friendly value: use
 * the factories.
 *
 * @param type what the rule does
 * @param targeting who it applies to (never null; {@link Targeting#everyone()} for all)
 * @param value the value served (FORCE, ROLLOUT); null for EXPERIMENT
 * @param coverage ROLLOUT: share of targeted customers in {@code [0, 1]}; 1 otherwise
 * @param seed ROLLOUT: hashing seed; null means the flag key (GrowthBook's default)
 * @param hashVersion ROLLOUT: GrowthBook hash version, 1 or 2
 * @param experiment EXPERIMENT: key of the experiment; null otherwise
 */
public record FlagRule(
        RuleType type,
        Targeting targeting,
        String value,
        double coverage,
        String seed,
        int hashVersion,
        String experiment) {
    public FlagRule {
        if (type == null) {
            throw new InvalidFlagException("rule type must not be null");
        }
        targeting = targeting == null ? Targeting.everyone() : targeting;
        if (type != RuleType.EXPERIMENT && value == null) {
            throw new InvalidFlagException(type + " rule needs a value");
        }
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new InvalidFlagException("rollout coverage must be in [0, 1], got " + coverage);
        }
        if (hashVersion != 1 && hashVersion != 2) {
            throw new InvalidFlagException("rollout hash version must be 1 or 2, got " + hashVersion);
        }
        if (type == RuleType.EXPERIMENT && (experiment == null || experiment.isBlank())) {
            throw new InvalidFlagException("EXPERIMENT rule needs an experiment key, got " + experiment);
        }
    }

    /** Serve {@code value} to everyone {@code targeting} matches. */
    public static FlagRule force(Targeting targeting, String value) {
        return new FlagRule(RuleType.FORCE, targeting, value, 1, null, 1, null);
    }

    /** Serve {@code value} to {@code coverage} of the targeted customers (hash version 1, seed = flag key). */
    public static FlagRule rollout(Targeting targeting, String value, double coverage) {
        return new FlagRule(RuleType.ROLLOUT, targeting, value, coverage, null, 1, null);
    }

    /** This rule with another seed and hash version (ROLLOUT). */
    public FlagRule hashedWith(String newSeed, int newHashVersion) {
        return new FlagRule(type, targeting, value, coverage, newSeed, newHashVersion, experiment);
    }

    /** Assign targeted customers in {@code experimentKey} and serve the variation key. */
    public static FlagRule experiment(Targeting targeting, String experimentKey) {
        return new FlagRule(RuleType.EXPERIMENT, targeting, null, 1, null, 1, experimentKey);
    }
}
