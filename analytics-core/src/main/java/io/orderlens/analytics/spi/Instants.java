package io.orderlens.analytics.spi;

import java.time.Instant;
import java.time.LocalDate;

/** Null-tolerant min/max used when merging counters: null means "no value". */
final class Instants {
    private Instants() {}

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    static <T> T latest(T current, T incoming) {
        return incoming != null ? incoming : current;
    }
}
