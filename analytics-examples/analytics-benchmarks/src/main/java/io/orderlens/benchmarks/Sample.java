package io.orderlens.benchmarks;

import java.util.Arrays;

/**
 * The values one measurement produced, one per measured run (warm-up runs are never added). Immutable.
 *
 * @param values at least one value, in run order
 */
record Sample(double[] values) {

    Sample {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        values = values.clone();
    }

    static Sample of(double... values) {
        return new Sample(values);
    }

    /** Median; the mean of the two middle values for an even count. */
    double median() {
        double[] sorted = sorted();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        double[] sorted = sorted();
        return sorted[sorted.length - 1];
    }

    int size() {
        return values.length;
    }

    private double[] sorted() {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
