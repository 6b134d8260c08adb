package io.orderlens.analytics.experiment;

/**
 * One arm of an experiment: a key the host switches on and its share of the covered traffic.
 *
 * @param key non-blank, unique within its experiment
 * @param weight share of the covered traffic in {@code [0, 1]}; the weights of an experiment sum to 1 (± 0.01)
 */
public record Variation(String key, double weight) {
    public Variation {
        if (key == null || key.isBlank()) {
            throw new InvalidExperimentException("variation key must be non-blank, got " + quote(key));
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new InvalidExperimentException("weight of variation '" + key + "' must be in [0, 1], got " + weight);
        }
    }

    static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
