package io.orderlens.benchmarks;

/**
 * Keeps results of measured work observable so the JIT cannot drop the work that produced them. Thread-safe.
 */
final class Sink {
    private static volatile long value;

    private Sink() {}

    static void consume(long v) {
        value ^= v;
    }

    static void consume(Object o) {
        value ^= o == null ? 0 : o.hashCode();
    }

    static long value() {
        return value;
    }
}
