package io.orderlens.analytics.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An experiment definition: an immutable value that checks itself and round-trips through JSON (every component is
 * a plain JSON value; {@code Instant}s and {@code Duration}s as ISO-8601 strings). Customers are hashed by their
 * customer id exactly as GrowthBook hashes its hash attribute, so the same definition in GrowthBook assigns the
 * same variation.
 *
 * @param key non-blank, at most 200 characters; the store's identity of the experiment
 * @param variations two or more, unique keys, weights summing to 1 (± 0.01); the first is the control
 * @param coverage share of eligible customers included, in {@code [0, 1]}
 * @param seed hashing seed, non-null (the builder defaults it to the key, as GrowthBook does)
 * @param hashVersion GrowthBook hash version, 1 or 2
 * @param namespace optional slice of a namespace (null: every customer is eligible)
 * @param start optional instant from which customers are assigned (null: no lower bound)
 * @param end optional instant from which no more customers are assigned (null: no upper bound); after start
 * @param attributionWindow optional: only orders within this long after a customer's first exposure count (null:
 *     every later order counts); positive
 * @param status lifecycle status
 */
public record Experiment(
        String key,
        List<Variation> variations,
        double coverage,
        String seed,
        int hashVersion,
        Namespace namespace,
        Instant start,
        Instant end,
        Duration attributionWindow,
        ExperimentStatus status) {

    /** Longest accepted experiment key. */
    public static final int MAX_KEY_LENGTH = 200;

    public Experiment {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidExperimentException("experiment key must be non-blank and at most " + MAX_KEY_LENGTH
                    + " characters, got " + Variation.quote(key));
        }
        if (variations == null || variations.size() < 2) {
            throw new InvalidExperimentException("experiment '" + key + "' needs at least 2 variations, got "
                    + (variations == null ? "null" : variations.size()));
        }
        variations = List.copyOf(variations);
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (Variation v : variations) {
            if (!seen.add(v.key())) {
                throw new InvalidExperimentException(
                        "experiment '" + key + "' has variation key '" + v.key() + "' twice");
            }
            total += v.weight();
        }
        if (total < 0.99 || total > 1.01) {
            throw new InvalidExperimentException(
                    "weights of experiment '" + key + "' must sum to 1 (± 0.01), got " + total + " from "
                            + variations.stream().map(Variation::weight).toList());
        }
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new InvalidExperimentException(
                    "coverage of experiment '" + key + "' must be in [0, 1], got " + coverage);
        }
        if (seed == null) {
            throw new InvalidExperimentException("seed of experiment '" + key + "' must not be null");
        }
        if (hashVersion != 1 && hashVersion != 2) {
            throw new InvalidExperimentException(
                    "hash version of experiment '" + key + "' must be 1 or 2, got " + hashVersion);
        }
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidExperimentException(
                    "end of experiment '" + key + "' must be after its start, got start " + start + ", end " + end);
        }
        if (attributionWindow != null && (attributionWindow.isNegative() || attributionWindow.isZero())) {
            throw new InvalidExperimentException(
                    "attribution window of experiment '" + key + "' must be positive, got " + attributionWindow);
        }
        if (status == null) {
            throw new InvalidExperimentException("status of experiment '" + key + "' must not be null");
        }
    }

    /** A builder for a DRAFT experiment with equal weights, full coverage, seed = key and hash version 2. */
    public static Builder builder(String key) {
        return new Builder(key);
    }

    /**
     * This definition in status {@code next}.
     *
     * @throws InvalidExperimentException if the lifecycle does not allow the move (see {@link ExperimentStatus})
     */
    public Experiment withStatus(ExperimentStatus next) {
        if (next == null || !status.canMoveTo(next)) {
            throw new InvalidExperimentException("experiment '" + key + "' cannot move from " + status + " to " + next
                    + "; allowed: DRAFT→RUNNING, RUNNING→PAUSED|COMPLETED, PAUSED→RUNNING|COMPLETED");
        }
        return new Experiment(
                key, variations, coverage, seed, hashVersion, namespace, start, end, attributionWindow, next);
    }

    /** Index of the variation with {@code variationKey}, or -1. */
    public int indexOf(String variationKey) {
        for (int i = 0; i < variations.size(); i++) {
            if (variations.get(i).key().equals(variationKey)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether customers may be assigned at {@code at}: RUNNING and within [start, end). */
    public boolean admitsAt(Instant at) {
        return status == ExperimentStatus.RUNNING
                && (start == null || !at.isBefore(start))
                && (end == null || at.isBefore(end));
    }

    /** Collects an experiment definition; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private final String key;
        private List<String> variationKeys = List.of("control", "treatment");
        private double[] weights;
        private double coverage = 1;
        private String seed;
        private int hashVersion = 2;
        private Namespace namespace;
        private Instant start;
        private Instant end;
        private Duration attributionWindow;
        private ExperimentStatus status = ExperimentStatus.DRAFT;

        private Builder(String key) {
            this.key = key;
        }

        /** Variation keys, control first (default: control, treatment). */
        public Builder variations(String... keys) {
            this.variationKeys = List.of(keys);
            return this;
        }

        /** Weights in variation order (default: equal). */
        public Builder weights(double... weights) {
            this.weights = weights.clone();
            return this;
        }

        public Builder coverage(double coverage) {
            this.coverage = coverage;
            return this;
        }

        public Builder seed(String seed) {
            this.seed = seed;
            return this;
        }

        public Builder hashVersion(int hashVersion) {
            this.hashVersion = hashVersion;
            return this;
        }

        public Builder namespace(String id, double start, double end) {
            this.namespace = new Namespace(id, start, end);
            return this;
        }

        public Builder window(Instant start, Instant end) {
            this.start = start;
            this.end = end;
            return this;
        }

        public Builder attributionWindow(Duration window) {
            this.attributionWindow = window;
            return this;
        }

        public Builder status(ExperimentStatus status) {
            this.status = status;
            return this;
        }

        /** @throws InvalidExperimentException naming the first problem found */
        public Experiment build() {
            double[] w = weights != null ? weights : Bucketing.equalWeights(variationKeys.size());
            if (w.length != variationKeys.size()) {
                throw new InvalidExperimentException("experiment '" + key + "' has " + variationKeys.size()
                        + " variations but " + w.length + " weights");
            }
            Variation[] vs = new Variation[w.length];
            for (int i = 0; i < w.length; i++) {
                vs[i] = new Variation(variationKeys.get(i), w[i]);
            }
            return new Experiment(
                    key,
                    List.of(vs),
                    coverage,
                    seed != null ? seed : key,
                    hashVersion,
                    namespace,
                    start,
                    end,
                    attributionWindow,
                    status);
        }
    }
}
