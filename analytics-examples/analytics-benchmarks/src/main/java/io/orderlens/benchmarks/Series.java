package io.orderlens.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Collects one value per measured run of a measurement. Not thread-safe. */
final class Series {
    private final List<Double> values = new ArrayList<>();

    /** {@code n} empty series. */
    static Series[] array(int n) {
        Series[] out = new Series[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Series();
        }
        return out;
    }

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** @throws IllegalStateException if no value was added */
    Sample sample() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measured run produced a value");
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return new Sample(out);
    }
}
