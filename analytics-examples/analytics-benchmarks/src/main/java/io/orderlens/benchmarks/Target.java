package io.orderlens.benchmarks;

import java.util.Locale;

/**
 * A goal a median is compared against, printed as e.g. {@code >= 0.50 met}.
 *
 * @param atLeast true for a lower bound, false for an upper bound
 * @param bound   the bound, in the row's unit
 */
record Target(boolean atLeast, double bound) {

    static Target atLeast(double bound) {
        return new Target(true, bound);
    }

    static Target atMost(double bound) {
        return new Target(false, bound);
    }

    boolean met(double value) {
        return atLeast ? value >= bound : value <= bound;
    }

    String describe(double median) {
        return String.format(
                Locale.ROOT, "%s %s %s", atLeast ? ">=" : "<=", trim(bound), met(median) ? "met" : "MISSED");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
