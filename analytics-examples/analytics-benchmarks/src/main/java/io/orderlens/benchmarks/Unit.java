package io.orderlens.benchmarks;

import java.util.Locale;

/** What a figure measures and how it is printed. */
enum Unit {
    /** Order events per second. */
    ORDERS_PER_SECOND("orders/s", "%,.0f"),
    /** A throughput or latency ratio. */
    RATIO("x", "%,.2f"),
    /** Microseconds per call. */
    MICROS("us", "%,.1f"),
    /** Database or store commands per order event. */
    COMMANDS_PER_ORDER("cmd/order", "%,.4f"),
    /** Store {@code apply} calls per order event. */
    APPLIES_PER_ORDER("apply/order", "%,.4f"),
    /** Redis commands per cached read. */
    COMMANDS_PER_READ("cmd/read", "%,.2f"),
    /** Experiment exposures recorded per second. */
    EXPOSURES_PER_SECOND("exposures/s", "%,.0f"),
    /** Milliseconds per call. */
    MILLIS("ms", "%,.1f"),
    /** Input rows read per second. */
    ROWS_PER_SECOND("rows/s", "%,.0f"),
    /** Seconds of wall time. */
    SECONDS("s", "%,.2f");

    private final String label;
    private final String pattern;

    Unit(String label, String pattern) {
        this.label = label;
        this.pattern = pattern;
    }

    String label() {
        return label;
    }

    String format(double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
